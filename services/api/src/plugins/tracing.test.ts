import { describe, expect, it } from 'vitest';
import { formatTraceparent, randomHex, traceContextOf } from './tracing.js';

describe('W3C traceparent', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parent = '00f067aa0ba902b7';

  it('continues a valid trace with a span of its own', () => {
    const context = traceContextOf(`00-${traceId}-${parent}-01`);
    expect(context).toMatchObject({ traceId, parentSpanId: parent, flags: '01' });
    expect(context.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(context.spanId).not.toBe(parent);
    expect(formatTraceparent(context)).toBe(`00-${traceId}-${context.spanId}-01`);
  });

  it('accepts a later version with extra fields, as the spec asks', () => {
    expect(traceContextOf(`01-${traceId}-${parent}-00-ietsnieuws`).traceId).toBe(traceId);
  });

  it.each([
    ['absent', undefined],
    ['garbage', 'niet-een-trace'],
    ['upper case', `00-${traceId.toUpperCase()}-${parent}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${parent}-01`],
    ['all-zero parent', `00-${traceId}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${traceId}-${parent}-01`],
    ['version 00 with extra fields', `00-${traceId}-${parent}-01-extra`],
  ])('starts a new trace when the header is %s', (_label, header) => {
    const context = traceContextOf(header);
    expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(context.traceId).not.toBe(traceId);
    expect(context.parentSpanId).toBeNull();
    expect(context.flags).toBe('00');
  });

  it('draws span and trace ids from the pooled generator: the right length, never repeated, across refills of the pool', () => {
    const ids = Array.from({ length: 2000 }, () => traceContextOf(undefined));
    expect(ids.every((c) => /^[0-9a-f]{16}$/.test(c.spanId) && /^[0-9a-f]{32}$/.test(c.traceId))).toBe(true);
    // 2000 requests take 48,000 bytes: the 4 KiB pool is refilled eleven times on the way.
    expect(new Set(ids.map((c) => c.spanId)).size).toBe(ids.length);
    expect(new Set(ids.map((c) => c.traceId)).size).toBe(ids.length);
    // Sizes that do not divide the pool still come whole.
    expect(Array.from({ length: 300 }, () => randomHex(23)).every((hex) => /^[0-9a-f]{46}$/.test(hex))).toBe(true);
  });
});
