/**
 * Keeps the directory of professionals (issue 16 point 14) up to date from
 * the verified tokens they use: after the token check, at most once per
 * `intervalMs` per subject (and at once when the token says something new:
 * another role, name, organisation or municipalities), on the pool, never
 * inside a case command's transaction. A failed write is logged and the
 * request goes on: the directory is a help, not a gate.
 */
import { upsertProfessional, type Database, type SeenProfessional } from '@veilig-samen/db';
import type { Caller, Clock } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import { safeError } from '../logging/logger.js';

/** Ten minutes: "last seen" is as fresh as that, for one write per person per ten minutes. */
export const DIRECTORY_INTERVAL_MS = 10 * 60_000;

/** What a caller's token says about them, as the directory keeps it. */
export function sightingOf(caller: Caller): SeenProfessional {
  return {
    sub: caller.sub,
    name: caller.name ?? null,
    organisation: caller.organisation,
    oin: caller.oin ?? null,
    role: caller.role,
    municipalities: [...caller.municipalities],
  };
}

/** When each subject was last written, and as what; bounded, the oldest entry goes first. */
export class Sightings {
  private readonly written = new Map<string, { readonly atMs: number; readonly as: string }>();

  constructor(
    private readonly intervalMs = DIRECTORY_INTERVAL_MS,
    private readonly capacity = 50_000,
  ) {}

  /** Whether this sighting should be written now; if so, it is counted as written. */
  due(seen: SeenProfessional, nowMs: number): boolean {
    const as = JSON.stringify([seen.name, seen.organisation, seen.oin, seen.role, seen.municipalities]);
    const last = this.written.get(seen.sub);
    if (last && last.as === as && nowMs - last.atMs < this.intervalMs) return false;
    this.written.delete(seen.sub);
    this.written.set(seen.sub, { atMs: nowMs, as });
    while (this.written.size > this.capacity) {
      const oldest = this.written.keys().next();
      if (oldest.done) break;
      this.written.delete(oldest.value);
    }
    return true;
  }

  /** A write that failed: the next request tries again. */
  forget(sub: string): void {
    this.written.delete(sub);
  }
}

/** Registered after auth (plugins/auth.ts), whose onRequest hook sets `request.caller`. */
export function registerDirectory(app: FastifyInstance, db: Database, clock: Clock): void {
  const sightings = new Sightings();
  app.addHook('onRequest', async (request) => {
    const caller = request.caller;
    if (!caller) return;
    const seen = sightingOf(caller);
    const now = clock.now();
    if (!sightings.due(seen, now.getTime())) return;
    try {
      await upsertProfessional(db, seen, now);
    } catch (error) {
      sightings.forget(seen.sub);
      request.log.warn({ error: safeError(error) }, 'directory of professionals not updated');
    }
  });
}
