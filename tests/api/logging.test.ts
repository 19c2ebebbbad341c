import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../services/api/src/logging/logger.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ logger: pino({ ...loggerOptions('info') }, sink) });
  });
  afterAll(async () => t.close());

  it('are JSON with the request id on every request line, and never contain the token', async () => {
    const token = t.token({});
    await t.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-test-1' } });
    const requestLines = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.requestId === 'log-test-1');
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(token);
  });

  it('carry the caller\'s trace (traceparent) as trace_id with a span of our own, named in traceresponse', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/ik',
      headers: { authorization: `Bearer ${t.token({})}`, 'x-request-id': 'log-trace-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.requestId === 'log-trace-1');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const spanId = entries[0]?.span_id;
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    for (const entry of entries) expect(entry).toMatchObject({ trace_id: traceId, span_id: spanId, trace_flags: '01' });
    expect(response.headers.traceresponse).toBe(`00-${traceId}-${String(spanId)}-01`);

    // Without a traceparent every request starts a trace of its own.
    await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'log-trace-2' } });
    const fresh = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.requestId === 'log-trace-2');
    expect(fresh?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh?.trace_id).not.toBe(traceId);
  });

  it('keep the identity provider\'s one-time code and state out of the request lines of the web pages', async () => {
    await t.app.inject({ method: 'GET', url: '/coordinator?code=eenmalige-code-123&state=staat-456', headers: { 'x-request-id': 'log-test-2' } });
    const requestLines = lines.filter((line) => line.includes('log-test-2'));
    expect(requestLines.length).toBeGreaterThanOrEqual(1);
    expect(requestLines.join('\n')).toContain('/coordinator?[verborgen]');
    expect(requestLines.join('\n')).not.toContain('eenmalige-code-123');
    expect(requestLines.join('\n')).not.toContain('staat-456');
  });

  it('redact personal fields and authorization headers wherever they appear', () => {
    const captured: string[] = [];
    const logger = pino(loggerOptions('info'), new Writable({ write(chunk: Buffer, _e, done) { captured.push(chunk.toString()); done(); } }));
    logger.info({ lid: { naam: 'Jan Jansen', geboortedatum: '2015-01-01' }, req: { headers: { authorization: 'Bearer abc' } } }, 'test');
    const out = captured.join('');
    expect(out).not.toContain('Jan Jansen');
    expect(out).not.toContain('2015-01-01');
    expect(out).not.toContain('Bearer abc');
    expect(out).toContain('[verborgen]');
  });
});
