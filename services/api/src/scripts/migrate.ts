/**
 * `pnpm db:migrate`: applies pending migrations and exits (0: done or nothing
 * to do; 1: failed; 2: configuration error). Connects as the schema's owner:
 * DATABASE_MIGRATION_URL, and then grants the service role that DATABASE_URL
 * names what it needs (packages/db/src/roles.ts); or DATABASE_URL alone (one
 * role for both). Instances with the owner's URL also migrate at start under
 * an advisory lock, so this is for deployments that migrate once, before
 * rolling out instances that hold only the service role's URL
 * (docker-compose.yml's `migrate` service).
 */
import { migrateDatabase, roleOf } from '@veilig-samen/db';
import { toolConfigOrExit } from '../cli.js';

const config = toolConfigOrExit(process.env);
const ownerUrl = config.databaseMigrationUrl ?? config.databaseUrl;
if (!ownerUrl) {
  process.stderr.write('DATABASE_MIGRATION_URL (of DATABASE_URL) ontbreekt\n');
  process.exit(2);
}
const serviceRole = config.databaseMigrationUrl && config.databaseUrl ? roleOf(config.databaseUrl) : undefined;
try {
  await migrateDatabase(ownerUrl, serviceRole ? { serviceRole } : {});
  process.stdout.write(`Migraties toegepast (of er was niets te doen)${serviceRole ? `; rechten van de servicerol ${serviceRole} bijgewerkt` : ''}.\n`);
} catch (error) {
  process.stderr.write(`Migreren mislukt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
