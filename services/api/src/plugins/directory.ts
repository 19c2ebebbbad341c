/**
 * Keeps the directory of professionals (issue 16 point 14) up to date from
 * the verified tokens they use: after the token check, at most once per
 * `intervalMs` per subject (and at once when the token says something new:
 * another role, name, organisation or municipalities), on the pool, never
 * inside a case command's transaction. A failed write is logged and the
 * request goes on: the directory is a help, not a gate.
 *
 * One gate it is: whoever a beheerder marked as gone is refused on every
 * route (403 `auth.medewerker-vertrokken`), here where every verified request
 * passes, from an in-memory set per instance (GoneProfessionals) rather than
 * a database read per request.
 */
import { goneProfessionals, upsertProfessional, type Database, type SeenProfessional } from '@veilig-samen/db';
import { directoryErrors, type Caller, type Clock } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import { safeError } from '../logging/logger.js';

/** How old the set of gone professionals may get before the next request reloads it (docs/security.md). */
export const GONE_REFRESH_MS = 15_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Who is marked as gone, as this instance knows it (plugins/directory.ts). */
    goneProfessionals: GoneProfessionals;
  }
}

/** One change this instance made itself, kept to survive a reload that read the table before it committed. */
interface LocalChange {
  readonly seq: number;
  readonly sub: string;
  readonly municipalities: readonly string[] | undefined;
}

/**
 * The professionals marked as gone, with the municipalities whose beheer did
 * it. Reloaded from the table when older than `refreshMs` (real time, not the
 * service clock: it bounds how long another instance's marking takes to
 * arrive), and changed at once when this instance marks or unmarks someone.
 */
export class GoneProfessionals {
  private gone = new Map<string, readonly string[]>();
  private loadedAtMs = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;
  private seq = 0;
  private changes: LocalChange[] = [];

  constructor(
    private readonly load: () => Promise<readonly { readonly sub: string; readonly municipalities: readonly string[] }[]>,
    private readonly refreshMs = GONE_REFRESH_MS,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** The municipalities whose beheer marked `sub` as gone, or undefined when not gone. */
  async goneBy(sub: string): Promise<readonly string[] | undefined> {
    if (this.nowMs() - this.loadedAtMs >= this.refreshMs) await this.refresh();
    return this.gone.get(sub);
  }

  /** This instance marked `sub` as gone (after the commit). */
  markGone(sub: string, municipalities: readonly string[]): void {
    this.apply({ seq: ++this.seq, sub, municipalities });
  }

  /** This instance undid marking `sub` as gone (after the commit). */
  markBack(sub: string): void {
    this.apply({ seq: ++this.seq, sub, municipalities: undefined });
  }

  private apply(change: LocalChange): void {
    this.changes.push(change);
    if (change.municipalities) this.gone.set(change.sub, change.municipalities);
    else this.gone.delete(change.sub);
  }

  private refresh(): Promise<void> {
    this.loading ??= (async () => {
      const startSeq = this.seq;
      const startMs = this.nowMs();
      try {
        const rows = await this.load();
        const next = new Map(rows.map((r) => [r.sub, r.municipalities] as const));
        // A change made after the read began may have committed after its snapshot: it still holds.
        this.changes = this.changes.filter((c) => c.seq > startSeq);
        for (const c of this.changes) {
          if (c.municipalities) next.set(c.sub, c.municipalities);
          else next.delete(c.sub);
        }
        this.gone = next;
        this.loadedAtMs = startMs;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

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
  const gone = new GoneProfessionals(() => goneProfessionals(db));
  app.decorate('goneProfessionals', gone);
  app.addHook('onRequest', async (request) => {
    const caller = request.caller;
    if (!caller) return;
    // Before anything else: a gone professional reads and writes nothing, on any route. The refusal is logged
    // like any other (the access log's onSend hook, on routes that touch case data). A reload that fails is
    // the request's failure (a 500/503), never a pass.
    const goneBy = await gone.goneBy(caller.sub);
    if (goneBy) throw directoryErrors.callerGone(goneBy);
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
