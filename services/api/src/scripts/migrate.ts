/**
 * `pnpm db:migrate`: applies pending migrations to DATABASE_URL and exits (0:
 * done or nothing to do; 1: failed). Every instance also migrates at start
 * under an advisory lock, so this is for deployments that migrate once,
 * before rolling out instances (docker-compose.yml's `migrate` service).
 */
import { migrateDatabase } from '@veilig-samen/db';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL ontbreekt\n');
  process.exit(2);
}
try {
  await migrateDatabase(url);
  process.stdout.write('Migraties toegepast (of er was niets te doen).\n');
} catch (error) {
  process.stderr.write(`Migreren mislukt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
