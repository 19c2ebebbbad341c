#!/bin/sh
# Backs up the service's database: DATABASE_URL=postgres://… infra/backup.sh [file]
# A custom-format pg_dump (compressed, restorable table by table) and a SHA-256
# checksum beside it. Run it against the primary (or a replica) as a role that
# can read every table; store the files encrypted and off the host.
# Exit codes: 0 done; 1 failed; 2 wrong use or a pg_dump too old for the server.
set -eu
: "${DATABASE_URL:?DATABASE_URL ontbreekt}"
file="${1:-veilig-samen-$(date -u +%Y%m%dT%H%M%SZ).dump}"

server_major=$(psql "$DATABASE_URL" -Atc "SHOW server_version_num" | cut -c1-2)
dump_major=$(pg_dump --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
if [ "$dump_major" -lt "$server_major" ]; then
  echo "pg_dump $dump_major kan geen server van versie $server_major dumpen: gebruik pg_dump $server_major of nieuwer" >&2
  exit 2
fi

pg_dump --format=custom --no-owner --no-privileges --file="$file" "$DATABASE_URL"
sha256sum "$file" > "$file.sha256"
echo "Back-up: $file ($(wc -c < "$file") bytes), controlegetal in $file.sha256"
