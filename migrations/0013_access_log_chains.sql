ALTER TABLE "access_log" ADD COLUMN "chain" smallint;--> statement-breakpoint
CREATE INDEX "access_log_chain_idx" ON "access_log" USING btree ("chain","id");--> statement-breakpoint
-- Appends one access-log row to chain p_chain in one round trip. The lock is
-- per chain and held until the caller's transaction ends, so rows of a chain
-- link in commit order while rows of other chains are written at the same
-- time. The statements each take a fresh snapshot (READ COMMITTED, VOLATILE),
-- so the tail is read after the lock is held. The service computes the hash
-- of the row's content; the link is sha256(prev_hash || content hash), which
-- audit:verify recomputes from the stored row.
CREATE FUNCTION access_log_append(
  p_chain smallint,
  p_content_hash text,
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
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(1953457511, p_chain); -- 1953457511 is "toeg" in ASCII
  SELECT hash INTO prev FROM access_log WHERE chain = p_chain ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, 'genesis-' || p_chain);
  INSERT INTO access_log (chain, at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id, member_ids,
                          action, result, status, purpose, break_glass, request_id, prev_hash, hash)
  VALUES (p_chain, p_at, p_actor_sub, p_actor_organisation, p_actor_role, p_on_behalf_of, p_case_id, p_member_ids,
          p_action, p_result, p_status, p_purpose, p_break_glass, p_request_id, prev,
          encode(sha256(convert_to(prev || p_content_hash, 'UTF8')), 'hex'));
END;
$$;
