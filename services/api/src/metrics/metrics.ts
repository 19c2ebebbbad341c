/**
 * What operators watch, in Prometheus' text format. Request rates and
 * latencies are labelled by route pattern (never by URL: ids stay out), the
 * rest is read from the database when scraped, so every instance reports the
 * same region-wide figures for cases, timers and the outbox, and its own for
 * requests, fired timers, deliveries and its pool.
 */
import { openCasesByPhase, outboxFigures, timerFigures as readTimerFigures, type DatabaseHandle } from '@veilig-samen/db';
import type { Clock } from '@veilig-samen/domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Timers this instance fired (escalations, reminders, follow-ups). */
  timersFired(count: number): void;
  /** Webhook deliveries this instance attempted, by outcome. */
  deliveries(delivered: number, failed: number): void;
}

export function createMetrics(database: DatabaseHandle, clock: Clock): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'veilig_samen_' });

  const requests = new Counter({ name: 'veilig_samen_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'veilig_samen_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const fired = new Counter({ name: 'veilig_samen_timers_fired_total', help: 'Durable timers fired by this instance', registers: [registry] });
  const delivered = new Counter({ name: 'veilig_samen_webhook_deliveries_total', help: 'Webhook delivery attempts by this instance, by outcome', labelNames: ['outcome'], registers: [registry] });

  const { pool } = database;
  new Gauge({
    name: 'veilig_samen_db_pool_connections',
    help: 'This instance\'s database pool: connections by state, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'veilig_samen_cases_open',
    help: 'Open cases by phase (region-wide)',
    labelNames: ['phase'],
    registers: [registry],
    async collect() {
      const rows = await openCasesByPhase(pool);
      this.reset();
      for (const row of rows) this.set({ phase: row.phase }, row.n);
    },
  });
  // Two gauges read the same row; a scrape collects them together, so they share one query.
  let inFlight: Promise<{ due: number; pending: number; lag: number | null } | undefined> | undefined;
  const timerFigures = () => (inFlight ??= queryTimerFigures().finally(() => (inFlight = undefined)));
  const queryTimerFigures = () => readTimerFigures(pool, clock.now());
  new Gauge({
    name: 'veilig_samen_timers',
    help: 'Timers not yet fired: pending in all, and due now (region-wide)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const figures = await timerFigures();
      this.set({ state: 'pending' }, figures?.pending ?? 0);
      this.set({ state: 'due' }, figures?.due ?? 0);
    },
  });
  new Gauge({
    name: 'veilig_samen_timer_lag_seconds',
    help: 'How long the oldest due timer has waited to fire (0 when none is due); alert when it grows',
    registers: [registry],
    async collect() {
      this.set((await timerFigures())?.lag ?? 0);
    },
  });
  new Gauge({
    name: 'veilig_samen_webhook_outbox',
    help: 'Webhook outbox (region-wide): waiting, waiting after a failed attempt, and given up',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const row = await outboxFigures(pool);
      this.set({ state: 'waiting' }, row?.waiting ?? 0);
      this.set({ state: 'retrying' }, row?.retrying ?? 0);
      this.set({ state: 'failed' }, row?.failed ?? 0);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    timersFired: (count) => {
      if (count > 0) fired.inc(count);
    },
    deliveries: (ok, failed) => {
      if (ok > 0) delivered.inc({ outcome: 'afgeleverd' }, ok);
      if (failed > 0) delivered.inc({ outcome: 'mislukt' }, failed);
    },
  };
}
