/**
 * The trace context of the change being made (issue 18 point 8): a request's
 * W3C traceparent, or a timer firing's own, held for the asynchronous work
 * it starts, the way OpenTelemetry's context travels. The outbox reads it
 * where it writes a delivery (projections/outbox.ts), in the change's
 * transaction, so a delivery names the change that caused it without every
 * use-case passing it along; deliveries send it (webhooks/delivery.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

const changes = new AsyncLocalStorage<string>();

/** Runs `work` as part of the change traced by `traceparent`. */
export function withChangeTrace<T>(traceparent: string, work: () => T): T {
  return changes.run(traceparent, work);
}

/** The traceparent of the change this code runs for; null outside any (a script, a test calling a use-case directly). */
export function changeTraceparent(): string | null {
  return changes.getStore() ?? null;
}

/** A fresh trace for a change no request caused (a timer firing): version 00, its own trace id and span, not sampled. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}
