-- Besides the trigger: the role the service runs as loses the privilege to
-- change or remove access-log rows (no effect for a superuser, which is why
-- the trigger stays).
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM CURRENT_USER;
