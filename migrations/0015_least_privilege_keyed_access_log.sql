ALTER TABLE "access_log" ADD COLUMN "key_id" text;--> statement-breakpoint
-- Security finding 3.
--
-- (1) The access log's chains are keyed. The service computes an HMAC of each
-- row's content with the audit key (AUDIT_KEY, which the database never
-- holds), covering every content column, the chain and the key id; this
-- function links it as before: hash = sha256(prev_hash || HMAC). Without the
-- key nobody can compute the HMAC of a changed row, so a chain recomputed by
-- someone with every right on the database no longer verifies. The old
-- signature goes: an instance of the previous release, which has no key,
-- cannot append unkeyed rows after this migration (see docs/operations.md,
-- Upgrading).
DROP FUNCTION access_log_append(smallint, text, timestamptz, text, text, text, text, uuid, jsonb, text, text, integer, text, boolean, text);
--> statement-breakpoint
-- (2) The running service connects as a role of its own that cannot change
-- or remove rows of the access log or the event log: no UPDATE, DELETE or
-- TRUNCATE on either table, and not their owner (so it cannot disable their
-- triggers); the grants are made after every migration run for the role that
-- DATABASE_URL names (packages/db/src/roles.ts). The two paths that must
-- write to those tables are functions that run with the owner's rights
-- (SECURITY DEFINER), with a fixed search_path, callable only by roles granted
-- EXECUTE.
--
-- Appending one row in one round trip: the chain's lock is transaction-scoped,
-- so rows of a chain link in commit order (migration 0013).
CREATE FUNCTION access_log_append(
  p_chain smallint,
  p_key_id text,
  p_mac text,
  p_at timestamptz,
  p_actor_sub text,
  p_actor_organisation text,
  p_actor_role text,
  p_on_behalf_of text,
  p_case_id uuid,
  p_member_ids jsonb,
  p_action text,
  p_result text,
  p_status integer,
  p_purpose text,
  p_break_glass boolean,
  p_request_id text
) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(1953457511, p_chain); -- 1953457511 is "toeg" in ASCII
  SELECT hash INTO prev FROM access_log WHERE chain = p_chain ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, 'genesis-' || p_chain);
  INSERT INTO access_log (chain, key_id, at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id, member_ids,
                          action, result, status, purpose, break_glass, request_id, prev_hash, hash)
  VALUES (p_chain, p_key_id, p_at, p_actor_sub, p_actor_organisation, p_actor_role, p_on_behalf_of, p_case_id, p_member_ids,
          p_action, p_result, p_status, p_purpose, p_break_glass, p_request_id, prev,
          encode(sha256(convert_to(prev || p_mac, 'UTF8')), 'hex'));
END;
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION access_log_append(smallint, text, text, timestamptz, text, text, text, text, uuid, jsonb, text, text, integer, text, boolean, text) FROM PUBLIC;
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
