-- Security finding 3: the running service connects as a role of its own that
-- cannot change or remove rows of the access log or the event log. It gets
-- no UPDATE, DELETE or TRUNCATE on either table and does not own them (so it
-- cannot disable their triggers); the grants are made after every migration
-- run for the role that DATABASE_URL names (packages/db/src/roles.ts). The two
-- paths that must write to those tables become functions that run with the
-- owner's rights (SECURITY DEFINER), with a fixed search_path, and that only
-- roles granted EXECUTE may call.
ALTER FUNCTION access_log_append(smallint, text, timestamptz, text, text, text, text, uuid, jsonb, text, text, integer, text, boolean, text)
  SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION access_log_append(smallint, text, timestamptz, text, text, text, text, uuid, jsonb, text, text, integer, text, boolean, text) FROM PUBLIC;
--> statement-breakpoint
-- Retention, the one path that removes case events: one closed case whose
-- closure lies before the cutoff, with everything that refers to it, in the
-- caller's transaction. The case is re-checked under its row lock (a case
-- reopened meanwhile is no longer expired). The cutoff comes from the
-- service's clock (RETENTION_YEARS), so the function cannot reach an open
-- case, nor a case's events without the case itself, nor the access log.
CREATE FUNCTION retention_delete_case(p_case_id uuid, p_closed_before timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM 1 FROM cases WHERE id = p_case_id AND phase = 'afgesloten' AND closed_at < p_closed_before FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  -- The event log's trigger (migration 0008) lets this transaction delete events; reset before returning.
  PERFORM set_config('veilig_samen.bewaartermijn', 'verwijderen', true);
  DELETE FROM expert_meeting_items WHERE case_id = p_case_id;
  DELETE FROM timers WHERE case_id = p_case_id;
  DELETE FROM escalations WHERE case_id = p_case_id;
  DELETE FROM household_keys WHERE case_id = p_case_id;
  DELETE FROM case_followers WHERE case_id = p_case_id;
  DELETE FROM case_involvements WHERE case_id = p_case_id;
  DELETE FROM break_glass_grants WHERE case_id = p_case_id;
  DELETE FROM deliveries WHERE case_id = p_case_id;
  UPDATE messages SET case_id = NULL WHERE case_id = p_case_id;
  UPDATE messages SET linked_case_id = NULL WHERE linked_case_id = p_case_id;
  DELETE FROM case_events WHERE case_id = p_case_id;
  DELETE FROM cases WHERE id = p_case_id;
  PERFORM set_config('veilig_samen.bewaartermijn', '', true);
  RETURN true;
END;
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION retention_delete_case(uuid, timestamptz) FROM PUBLIC;
