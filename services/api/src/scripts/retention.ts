/**
 * `pnpm retention -- --dry-run`: lists the cases whose retention period has
 * passed (closed more than RETENTION_YEARS ago). Without --dry-run it removes
 * them, as the daily background job does.
 */
import { systemClock } from '@veilig-samen/domain';
import { configOrExit } from '../cli.js';
import { openServiceDatabase } from '../database.js';
import { runRetention } from '../retention/retention.js';

const dryRun = process.argv.includes('--dry-run');
const config = configOrExit(process.env);
const database = await openServiceDatabase(config, () => undefined);
try {
  const cases = await runRetention({ db: database.handle.db, clock: systemClock, retentionYears: config.retentionYears }, { dryRun });
  process.stdout.write(`${dryRun ? 'Zou verwijderen' : 'Verwijderd'}: ${cases.length} casussen (afgesloten meer dan ${config.retentionYears} jaar geleden)\n`);
  for (const c of cases) process.stdout.write(`  ${c.id}  ${c.municipality}  afgesloten ${c.closedAt.toISOString()}\n`);
} finally {
  await database.close();
}
