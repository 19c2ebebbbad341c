#!/bin/sh
# Restores a back-up made by infra/backup.sh into an EMPTY database:
#   DATABASE_MIGRATION_URL=postgres://owner@…/new_db DATABASE_URL=postgres://service@…/new_db infra/restore.sh veilig-samen-….dump
# (or DATABASE_URL alone, one role for both). Checks the checksum, restores in
# one transaction (all or nothing) as the owner, takes the privileges to change
# the access log from the restoring role again, applies the migrations (an
# older back-up is brought up to date) and grants the service role, checks the
# access log's keyed hash chains and, when they hold, seals them in a signed
# `herstel` checkpoint (security finding 3: without it the rollback would read
# as rows removed from the log's end), then checks them against every
# checkpoint. Needs what `pnpm audit:verify` needs: AUDIT_KEY (and
# AUDIT_KEY_ID, AUDIT_KEYS_OLD) and the deployment's AUDIT_CHECKPOINT_DIR.
# Exit codes: 0 restored and checked; 1 failed; 2 wrong use (no file, database not empty).
set -eu
: "${DATABASE_URL:?DATABASE_URL ontbreekt}"
owner_url="${DATABASE_MIGRATION_URL:-$DATABASE_URL}"
file="${1:?gebruik: infra/restore.sh <back-upbestand>}"
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$file" ] || { echo "Bestand $file bestaat niet" >&2; exit 2; }
if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --status "$(basename "$file").sha256") || { echo "Controlegetal klopt niet: $file is beschadigd" >&2; exit 1; }
fi
tables=$(psql "$owner_url" -Atc "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" -ne 0 ]; then
  echo "De doeldatabase is niet leeg ($tables tabellen): herstel alleen in een nieuwe, lege database" >&2
  exit 2
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$owner_url" "$file"
# As migration 0012 did: not even the owner may change access-log rows without first granting itself the right.
psql "$owner_url" -q -v ON_ERROR_STOP=1 -c "REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC, CURRENT_USER"
cd "$here/.."
# Brings an older back-up up to date and grants the service role (DATABASE_URL's user) when DATABASE_MIGRATION_URL is set.
node --import tsx services/api/src/scripts/migrate.ts
node --import tsx services/api/src/scripts/audit-verify.ts --herstel "$(basename "$file")"
echo "Hersteld uit $file"
