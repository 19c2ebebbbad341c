/**
 * `pnpm audit:verify`: walks each of the access log's hash chains and reports
 * the first broken link of each. Uses DATABASE_URL as it is (no migrations,
 * no other settings needed: also right after a restore), or else the embedded
 * database in DATA_DIR. Exit code 0: intact; 1: broken; 2: configuration error.
 */
import { connect, verifyAccessLogChains } from '@veilig-samen/db';
import { configOrExit } from '../cli.js';
import { openServiceDatabase } from '../database.js';

const url = process.env.DATABASE_URL;
const database = url
  ? { handle: connect(url, { max: 1 }), close: async () => undefined }
  : await openServiceDatabase(configOrExit(process.env), () => undefined);
try {
  const result = await verifyAccessLogChains(database.handle.db);
  for (const broken of result.broken) {
    process.stdout.write(`Toegangslog GEBROKEN in keten ${broken.chain ?? 'van voor migratie 0013'} bij regel ${broken.id}: ${broken.reason}\n`);
  }
  if (result.broken.length > 0) process.exitCode = 1;
  else process.stdout.write(`Toegangslog in orde: ${result.checked} regels in ${result.chains} ketens, ononderbroken.\n`);
} finally {
  await database.handle.close();
  await database.close();
}
