/**
 * The database goes away under a running service and comes back (issue 8,
 * "database restart"). The service reaches PostgreSQL through a TCP proxy
 * in this test; cutting the proxy drops every connection and refuses new
 * ones, as a stopped or restarting server does. While it is gone the service
 * answers 503 problem+json (never a 500, nothing changed) and reports not
 * ready; when it is back, the service recovers by itself, without a restart.
 */
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { signToken } from '@veilig-samen/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { household } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';

/** A TCP proxy to PostgreSQL that can be cut (all connections dropped, new ones refused) and restored on the same port. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connectTcp(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: () => port,
    cut: async () => {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: listen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

describe('the database goes away and comes back', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let service: RunningService;
  const token = signToken(
    { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
    { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 },
  );
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    database = await createDatabase();
    const url = new URL(database.url);
    proxy = await cuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port()}`;
    service = await startService({ DATABASE_URL: url.toString(), JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV, TIMER_POLL_INTERVAL_MS: '200' });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 problem+json while it is gone, is not ready, and recovers by itself', async () => {
    const created = await api('/v1/casussen', { method: 'POST', body: JSON.stringify(household) });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;

    await proxy.cut();
    const read = await api(`/v1/casussen/${id}`);
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(read.headers.get('retry-after')).toBe('5');
    expect(await read.json()).toMatchObject({ status: 503, code: 'database.niet-beschikbaar' });
    const write = await api(`/v1/casussen/${id}/veiligheidsscores`, {
      method: 'POST',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ score: 5, acties: ['a', 'b', 'c'] }),
    });
    expect(write.status).toBe(503);
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(503);
    // The process is alive all along (the timer worker's polls fail too, and are retried).
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);

    await proxy.restore();
    await vi.waitFor(
      async () => {
        expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
      },
      { timeout: 20_000, interval: 250 },
    );
    const again = await api(`/v1/casussen/${id}`);
    expect(again.status).toBe(200);
    // The refused write changed nothing: the case is still at version 1, and a write now succeeds.
    expect(((await again.json()) as { versie: number }).versie).toBe(1);
    const score = await api(`/v1/casussen/${id}/veiligheidsscores`, {
      method: 'POST',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ score: 5, acties: ['a', 'b', 'c'] }),
    });
    expect(score.status).toBe(201);
    expect(service.output()).not.toContain('"statusCode":500');
  }, 60_000);
});
