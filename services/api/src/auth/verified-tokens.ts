/**
 * Tokens whose signature, issuer, audience and claims were already checked,
 * by their exact text (signature included), so a token used for many
 * requests is verified once (issue 15: nothing parsed twice). Only what does
 * not change with time is kept: the token's times are checked against the
 * clock on every request (token-times.ts), so an expired token is refused
 * although it is still here. Bounded: the oldest entry goes first; an entry
 * is dropped when its token has expired.
 */
import type { Caller } from '@veilig-samen/domain';

export interface VerifiedToken {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, nowMs: number): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const exp = entry.payload.exp;
    if (typeof exp === 'number' && exp * 1000 <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  set(token: string, entry: VerifiedToken): void {
    this.entries.delete(token);
    this.entries.set(token, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
