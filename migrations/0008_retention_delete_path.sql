-- Retention is the one path that may delete case events: it sets
-- veilig_samen.bewaartermijn = 'verwijderen' for its own transaction only
-- (SET LOCAL), after selecting cases whose retention period has passed.
CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('veilig_samen.bewaartermijn', true) = 'verwijderen' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
