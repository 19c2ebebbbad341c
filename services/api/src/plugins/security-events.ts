/**
 * Security events: requests refused before the service knew who asked (401:
 * no, a bad or an expired token), requests refused by the rate limit (429),
 * and case creations refused by the daily limit of "household has a case"
 * answers (429 `casus.aanmaakpogingen-limiet`, security finding 6; that one
 * is also stored as a signal for the municipality's beheerder).
 * They are not accesses to case data, so they never go into a case's access
 * log (a flood of them would bury the real reads there, and fill the
 * database); they are log lines with `securityEvent: true` for the SIEM.
 *
 * A flood must not fill the logs either: per client (address, or subject for
 * a known caller) and refusal code at most one line per minute. The refusals
 * in between are counted, and the next line of that client and code carries
 * the count (`refusals`: since the previous line, this one included); counts
 * still open are written when the service stops or when a client is
 * forgotten to keep memory bounded (such a line names the route and method
 * of the window's first refusal).
 *
 * A line holds no personal data of a case and never the token: the code, the
 * route pattern (never the URL with its ids), the method, the client address
 * (as the request log lines already do) and, for a known caller, its `sub`.
 */
import type { Clock, DomainError } from '@veilig-samen/domain';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { clientAddress } from './client-address.js';

const WINDOW_MS = 60_000;
/** Clients whose counts are kept; the least recently refused is forgotten first. */
const TRACKED_CLIENTS = 10_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** For routes that refuse for security reasons themselves (the daily limit of creation attempts, finding 6). */
    securityEvents: SecurityEvents;
  }
}

export interface SecurityEvents {
  /** Records one refusal; logs a line when it is the first of this client and code in a minute. */
  refused(request: FastifyRequest, error: DomainError): void;
}

interface Tally {
  readonly first: SecurityEventLine;
  windowStart: number;
  /** Refusals since the last line that were not logged. */
  unlogged: number;
}

interface SecurityEventLine {
  readonly securityEvent: true;
  readonly code: string;
  readonly status: number;
  readonly method: string;
  readonly route: string;
  readonly clientAddress: string;
  readonly subject?: string;
}

export function registerSecurityEvents(app: FastifyInstance, clock: Clock): SecurityEvents {
  // Map keeps insertion order: deleting and re-adding a key makes it the most recent.
  const tallies = new Map<string, Tally>();

  const write = (log: FastifyBaseLogger, line: SecurityEventLine, refusals: number) =>
    log.warn({ ...line, refusals }, line.status === 429 ? 'security event: rate limit reached' : 'security event: refused before authentication');

  /** What is still counted but not logged, e.g. the rest of a flood that stopped. */
  const flush = (tally: Tally) => {
    if (tally.unlogged > 0) write(app.log, tally.first, tally.unlogged);
    tally.unlogged = 0;
  };

  app.addHook('onClose', async () => {
    for (const tally of tallies.values()) flush(tally);
    tallies.clear();
  });

  const events: SecurityEvents = {
    refused(request, error) {
      // Only a 429 can come after the token was verified.
      const subject = request.caller?.sub;
      const line: SecurityEventLine = {
        securityEvent: true,
        code: error.code,
        status: error.status,
        method: request.method,
        route: request.routeOptions.url ?? '(geen route)',
        clientAddress: clientAddress(request),
        ...(subject === undefined ? {} : { subject }),
      };
      const key = `${subject === undefined ? `adres:${line.clientAddress}` : `sub:${subject}`} ${error.code}`;
      const now = clock.now().getTime();
      const tally = tallies.get(key);
      tallies.delete(key);
      if (tally && now < tally.windowStart + WINDOW_MS && now >= tally.windowStart) {
        tally.unlogged++;
        tallies.set(key, tally);
        return;
      }
      write(request.log, line, 1 + (tally?.unlogged ?? 0));
      tallies.set(key, { first: line, windowStart: now, unlogged: 0 });
      if (tallies.size > TRACKED_CLIENTS) {
        const [oldestKey, oldest] = tallies.entries().next().value as [string, Tally];
        flush(oldest);
        tallies.delete(oldestKey);
      }
    },
  };
  app.decorate('securityEvents', events);
  return events;
}
