/**
 * The service's background work, each job on its own polling loop: durable
 * timers, webhook deliveries, removal of expired idempotency keys, and the
 * daily retention job. Any
 * number of instances may run it; every job is safe to run concurrently.
 * Apart from it, every instance seals the access log's chains in checkpoints
 * (startCheckpointLoop), also an API-only one.
 */
import { deleteExpiredIdempotencyKeys, type Database } from '@veilig-samen/db';
import type { Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from './metrics/metrics.js';
import type { CheckpointWriter } from './audit/checkpoints.js';
import { safeError } from './logging/logger.js';
import { runRetention } from './retention/retention.js';
import { fireDueTimers } from './timers/worker.js';
import { deliverDueWebhooks } from './webhooks/delivery.js';
import type { WebhookEgress } from './webhooks/destination.js';
import type { NotificatieContext } from './zgw/notificaties.js';

export interface BackgroundDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly retentionYears: number;
  readonly logger?: FastifyBaseLogger;
  readonly metrics?: Pick<Metrics, 'timersFired' | 'deliveries'>;
  /** Where webhook deliveries may go (public addresses; loopback too with WEBHOOK_ALLOW_LOOPBACK). */
  readonly egress: WebhookEgress;
  /** The region's ZGW settings and municipalities, for `zgw-notificaties` deliveries. */
  readonly notificaties: NotificatieContext;
}

export interface Poller {
  stop(): Promise<void>;
}

/** Runs `job` now and then every `intervalMs` after the previous run ends, until stopped. */
export function startPoller(name: string, job: () => Promise<unknown>, intervalMs: number, logger?: FastifyBaseLogger): Poller {
  let stopped = false;
  let timeout: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = job()
      .then(() => undefined)
      .catch((error: unknown) => logger?.error({ error: safeError(error), job: name }, 'background job failed'))
      .finally(() => {
        if (!stopped) timeout = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timeout) clearTimeout(timeout);
      await running;
    },
  };
}

export function startBackgroundWork(deps: BackgroundDeps, intervalMs: number): Poller {
  const pollers = [
    startPoller('timers', async () => deps.metrics?.timersFired(await fireDueTimers(deps)), intervalMs, deps.logger),
    startPoller('webhooks', () => deliverDueWebhooks({ ...deps, onAttempt: (ok) => deps.metrics?.deliveries(ok ? 1 : 0, ok ? 0 : 1) }), intervalMs, deps.logger),
    startPoller('idempotency-cleanup', () => deleteExpiredIdempotencyKeys(deps.db, deps.clock.now()), 10 * 60_000, deps.logger),
    startPoller('retention', () => runRetention(deps, { dryRun: false }), 24 * 3_600_000, deps.logger),
  ];
  return { stop: async () => void (await Promise.all(pollers.map((p) => p.stop()))) };
}

/**
 * Seals the access log's chain heads now and then every `intervalMs`, when a
 * head moved (security finding 3). Runs on every instance, whatever
 * TIMER_WORKER says: the checkpoints are evidence, not work to share out.
 */
export function startCheckpointLoop(writer: Pick<CheckpointWriter, 'write'>, intervalMs: number, logger?: FastifyBaseLogger): Poller {
  return startPoller('audit-checkpoints', () => writer.write('periodiek'), intervalMs, logger);
}
