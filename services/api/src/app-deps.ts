/**
 * What the app is built from. In a module of its own so that routes and
 * plugins can name it without importing app.ts, which imports them (the
 * import cycle issue 15 asks to remove).
 */
import type { AuditKey, DatabaseHandle } from '@veilig-samen/db';
import type { Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedJwtKeys } from './auth/keys.js';
import type { Config } from './config.js';
import type { Metrics } from './metrics/metrics.js';

export interface AppDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly jwtKeys: ResolvedJwtKeys;
  /** HMAC key that recognises households across messages. */
  readonly matchingKey: string;
  /** The audit key: each access-log row's HMAC is made with it (audit/keys.ts). */
  readonly auditKey: AuditKey;
  readonly clock: Clock;
  /** The process's logger; without it the app makes one from config.logLevel. */
  readonly logger?: FastifyBaseLogger;
  /** The process's metrics (shared with the background work); without them the app makes its own. */
  readonly metrics?: Metrics;
}
