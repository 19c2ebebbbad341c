/**
 * `pnpm audit:verify`: walks each of the access log's hash chains and checks
 * every row's keyed HMAC (security finding 3), reporting the first broken
 * link of each chain. Uses DATABASE_URL as it is (no migrations; also right
 * after a restore), or else the embedded database in DATA_DIR; needs the audit
 * keys (AUDIT_KEY, AUDIT_KEY_ID, AUDIT_KEYS_OLD; in demo mode the generated
 * one). Exit code 0: intact; 1: broken; 2: configuration error.
 */
import { connect, verifyAccessLogChains } from '@veilig-samen/db';
import { resolveAuditKeys } from '../audit/keys.js';
import { resolvedOrExit, toolConfigOrExit } from '../cli.js';
import { openServiceDatabase } from '../database.js';

const config = toolConfigOrExit(process.env);
const keys = await resolvedOrExit(resolveAuditKeys(config));
const database = config.databaseUrl
  ? { handle: connect(config.databaseUrl, { max: 1 }), close: async () => undefined }
  : await openServiceDatabase(config, () => undefined);
try {
  const result = await verifyAccessLogChains(database.handle.db, keys.keyring);
  for (const broken of result.broken) {
    process.stdout.write(`Toegangslog GEBROKEN in keten ${broken.chain ?? 'van voor migratie 0013'} bij regel ${broken.id}: ${broken.reason}\n`);
  }
  if (result.broken.length > 0) process.exitCode = 1;
  else process.stdout.write(`Toegangslog in orde: ${result.checked} regels in ${result.chains} ketens, ononderbroken.\n`);
} finally {
  await database.handle.close();
  await database.close();
}
