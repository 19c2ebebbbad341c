#!/bin/sh
# docker-compose.yml: the postgres image runs this once, when it creates the
# database on an empty volume. It creates the service's own login role
# (security finding 3); the migrations, run as the owner (POSTGRES_USER),
# grant it what the service needs and nothing that changes the access log or
# the event log (packages/db/src/roles.ts). On a server a DBA runs the same
# SQL (docs/operations.md).
set -eu
: "${SERVICE_DB_PASSWORD:?SERVICE_DB_PASSWORD ontbreekt}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$SERVICE_DB_PASSWORD" <<'SQL'
CREATE ROLE veilig_samen_dienst LOGIN PASSWORD :'password';
SQL
