import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens.js';

const caller = { sub: 'mw-001', role: 'lokaal-team' as const, organisation: 'Wijkteam', municipalities: ['Nijmegen'] };
const entry = (exp: number) => ({ payload: { exp }, caller });

describe('VerifiedTokens', () => {
  it('forgets a token once it has expired', () => {
    const tokens = new VerifiedTokens();
    tokens.set('a', entry(100));
    expect(tokens.get('a', 99_999)?.caller).toBe(caller);
    expect(tokens.get('a', 100_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    tokens.set('a', entry(1e9));
    tokens.set('b', entry(1e9));
    tokens.set('c', entry(1e9));
    expect(tokens.size).toBe(2);
    expect(tokens.get('a', 0)).toBeUndefined();
    expect(tokens.get('b', 0)).toBeDefined();
    expect(tokens.get('c', 0)).toBeDefined();
  });
});
