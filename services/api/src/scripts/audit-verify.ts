/**
 * `pnpm audit:verify`: walks the access log's hash chain and reports the first
 * broken link. Uses DATABASE_URL, or the embedded database in DATA_DIR.
 * Exit code 0: intact; 1: broken; 2: configuration error.
 */
import { verifyAccessLogChain } from '@veilig-samen/db';
import { configOrExit } from '../cli.js';
import { openServiceDatabase } from '../database.js';

const config = configOrExit(process.env);
const database = await openServiceDatabase(config, () => undefined);
try {
  const result = await verifyAccessLogChain(database.handle.db);
  if (result.firstBroken) {
    process.stdout.write(`Toegangslog GEBROKEN bij regel ${result.firstBroken.id}: ${result.firstBroken.reason} (${result.checked} regels daarvoor in orde)\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Toegangslog in orde: ${result.checked} regels, keten ononderbroken.\n`);
  }
} finally {
  await database.close();
}
