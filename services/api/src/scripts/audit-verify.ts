/**
 * `pnpm audit:verify`: checks the access log (security finding 3): every
 * chain's links and keyed HMACs, and every chain against the signed
 * checkpoints in AUDIT_CHECKPOINT_DIR (audit/verify.ts says what is reported).
 * Uses DATABASE_URL as it is (no migrations; also right after a restore), or
 * else the embedded database in DATA_DIR; needs the audit keys (AUDIT_KEY,
 * AUDIT_KEY_ID, AUDIT_KEYS_OLD; in demo mode the generated one).
 *
 * `pnpm audit:verify -- --herstel [backup file]`, run by infra/restore.sh
 * after restoring: when every chain holds with the key, seals the restored
 * chains in a signed `herstel` checkpoint (so the rollback is not taken for
 * truncation), then checks as above. A restored log whose chains do not hold
 * is not sealed.
 *
 * Exit code 0: in order; 1: findings; 2: configuration error.
 */
import { connect, verifyAccessLogChains } from '@veilig-samen/db';
import { systemClock } from '@veilig-samen/domain';
import { openCheckpointWriter } from '../audit/checkpoints.js';
import { resolveAuditKeys } from '../audit/keys.js';
import { verifyAudit } from '../audit/verify.js';
import { resolvedOrExit, toolConfigOrExit } from '../cli.js';
import { openServiceDatabase } from '../database.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const restoring = args[0] === '--herstel';
const config = toolConfigOrExit(process.env);
const keys = await resolvedOrExit(resolveAuditKeys(config));
const database = config.databaseUrl
  ? { handle: connect(config.databaseUrl, { max: 2 }), close: async () => undefined }
  : await openServiceDatabase(config, () => undefined);
try {
  if (restoring) {
    const chains = await verifyAccessLogChains(database.handle.db, keys.keyring);
    if (chains.broken.length > 0) {
      for (const b of chains.broken) process.stdout.write(`Toegangslog GEBROKEN in keten ${b.chain ?? 'van voor migratie 0013'} bij regel ${b.id}: ${b.reason}\n`);
      process.stdout.write('De herstelde ketens kloppen niet met de sleutel: er is geen herstelcontrolepunt geschreven.\n');
      process.exitCode = 1;
    } else {
      const writer = await openCheckpointWriter({ db: database.handle.db, dir: config.audit.checkpointDir, key: keys.current, clock: systemClock, label: 'herstel' });
      try {
        const checkpoint = await writer.write('herstel', args[1]);
        process.stdout.write(`Herstelcontrolepunt geschreven in ${writer.file}\n${JSON.stringify({ controlepunt: checkpoint })}\n`);
      } finally {
        await writer.close();
      }
    }
  }
  if (process.exitCode === undefined) {
    const report = await verifyAudit(database.handle.db, keys.keyring, {
      checkpointDir: config.audit.checkpointDir,
      checkpointIntervalMs: config.audit.checkpointIntervalMs,
      now: systemClock.now(),
    });
    for (const finding of report.findings) process.stdout.write(`${finding}\n`);
    if (report.findings.length > 0) process.exitCode = 1;
    else process.stdout.write(`${report.summary}\n`);
  }
} finally {
  await database.handle.close();
  await database.close();
}
