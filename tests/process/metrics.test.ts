/**
 * Prometheus metrics (issue 9): on a port of their own by default, not on the
 * public port; request rates and latencies by route pattern (no ids), open
 * cases per phase, timers due and fired, timer lag, the webhook outbox and the
 * database pool. METRICS_EXPOSE=public also serves them on the public port.
 */
import { signToken } from '@veilig-samen/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { household } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';
import { urlPaths } from '../helpers/openapi.js';

const claims = { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] } as const;
const token = (rol: 'lokaal-team' | 'beheerder' = 'lokaal-team') =>
  signToken({ ...claims, rol, gemeenten: ['Nijmegen'] }, { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 });

/** The value of one sample line, e.g. value(text, 'veilig_samen_cases_open{phase="directe-veiligheid"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : undefined;
}

describe('metrics of a running service', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let service: RunningService;
  let metricsUrl: string;
  const api = (path: string, init: RequestInit = {}, rol: 'lokaal-team' | 'beheerder' = 'lokaal-team') =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token(rol)}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    database = await createDatabase();
    service = await startService({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV, TIMER_POLL_INTERVAL_MS: '200' });
    metricsUrl = /Metrics: (http:\/\/\S+)/.exec(service.output())?.[1] ?? '';
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('are served on their own port, not on the public one, and count requests by route pattern', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(404);

    const created = await api('/v1/casussen', { method: 'POST', body: JSON.stringify(household) });
    const id = ((await created.json()) as { id: string }).id;
    expect((await api(`/v1/casussen/${id}`)).status).toBe(200);
    expect((await api(`/v1/casussen/${id}`)).status).toBe(200);

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(value(text, 'veilig_samen_http_requests_total{method="GET",route="/v1/casussen/:id",status="200"}')).toBe(2);
    expect(value(text, 'veilig_samen_http_requests_total{method="POST",route="/v1/casussen",status="201"}')).toBe(1);
    expect(value(text, 'veilig_samen_http_request_duration_seconds_count{method="GET",route="/v1/casussen/:id"}')).toBe(2);
    expect(value(text, 'veilig_samen_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/casussen/:id"}')).toBe(2);
    expect(value(text, 'veilig_samen_cases_open{phase="directe-veiligheid"}')).toBe(1);
    expect(value(text, 'veilig_samen_timers{state="pending"}')).toBeGreaterThan(0);
    expect(value(text, 'veilig_samen_timers{state="due"}')).toBe(0);
    expect(value(text, 'veilig_samen_timer_lag_seconds')).toBe(0);
    expect(value(text, 'veilig_samen_webhook_outbox{state="waiting"}')).toBe(0);
    expect(value(text, 'veilig_samen_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(value(text, 'veilig_samen_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Labels carry route patterns only: no case id, no names.
    expect(text).not.toContain(id);
    expect(text).not.toContain('Anna');
  });

  it('count the timers this instance fired', async () => {
    const imported = await api(
      '/v1/casussen',
      { method: 'POST', body: JSON.stringify({ ...household, leden: [{ naam: 'Metrics Import', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }], regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, startdatum: new Date(Date.now() - 125 * 86_400_000).toISOString().slice(0, 10) }) },
      'beheerder',
    );
    expect(imported.status).toBe(201);
    await vi.waitFor(
      async () => {
        const text = await (await fetch(metricsUrl)).text();
        expect(value(text, 'veilig_samen_timers_fired_total')).toBeGreaterThanOrEqual(1);
        expect(value(text, 'veilig_samen_timers{state="due"}')).toBe(0);
      },
      { timeout: 15_000, interval: 250 },
    );
  });
});

describe('METRICS_EXPOSE=public', () => {
  it('serves the metrics on the public port as well, outside the OpenAPI document', async () => {
    const t = await createTestApp({ env: { METRICS_EXPOSE: 'public' } });
    try {
      await t.app.inject({ method: 'GET', url: '/health/live' });
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(value(response.body, 'veilig_samen_http_requests_total{method="GET",route="/health/live",status="200"}')).toBe(1);
      const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      expect(Object.keys(urlPaths(document))).not.toContain('/metrics');
    } finally {
      await t.close();
    }
  });
});

describe('METRICS_EXPOSE=off', () => {
  it('serves no metrics on the public port', async () => {
    const t = await createTestApp({ env: { METRICS_EXPOSE: 'off' } });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
