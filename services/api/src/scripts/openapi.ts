/**
 * `node --import tsx services/api/src/scripts/openapi.ts [file]`
 * Writes the service's OpenAPI document (what GET /v1/openapi.json serves) to
 * `file`, or to stdout. `pnpm lint:api` runs the NL API Design Rules linter on
 * it; the typed client is generated from it.
 *
 * The document is built from the routes' schemas, so the app is assembled
 * in-process and never listens. It needs no database either: the pool below
 * points at a port nothing listens on and is never asked for a connection
 * (building the app and serving the document run no query). The secrets are
 * throw-away values that only satisfy the configuration's checks.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '@veilig-samen/db';
import { systemClock } from '@veilig-samen/domain';
import { buildApp } from '../app.js';
import { resolveAuditKeys } from '../audit/keys.js';
import { resolveJwtKeys } from '../auth/keys.js';
import { DEMO_MUNICIPALITIES, loadConfig, municipalitiesSetting } from '../config.js';
import { resolveMatchingKey } from '../projections/household-keys.js';

const NEVER_CONNECTED = 'postgresql://openapi@127.0.0.1:1/never-connected';
const THROW_AWAY = 'openapi-document-only-never-used-for-tokens-or-data';

async function main(): Promise<void> {
  const target = process.argv[2];
  const config = loadConfig({
    DATABASE_URL: NEVER_CONNECTED,
    JWT_SECRET: THROW_AWAY,
    MATCHING_KEY: THROW_AWAY,
    AUDIT_KEY: THROW_AWAY,
    AUDIT_KEY_ID: 'openapi',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    GEMEENTEN: municipalitiesSetting(DEMO_MUNICIPALITIES),
  });
  const database = connect(NEVER_CONNECTED);
  const app = await buildApp({
    config,
    database,
    jwtKeys: await resolveJwtKeys(config),
    matchingKey: await resolveMatchingKey(config),
    auditKey: (await resolveAuditKeys(config)).current,
    clock: systemClock,
  });
  try {
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /v1/openapi.json answered ${response.statusCode}: ${response.body}`);
    const document = `${JSON.stringify(response.json(), null, 2)}\n`;
    if (target === undefined) {
      process.stdout.write(document);
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, document);
      process.stderr.write(`${target}: OpenAPI document written\n`);
    }
  } finally {
    await app.close();
    await database.close();
  }
}

await main();
