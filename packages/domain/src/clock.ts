/**
 * The one source of "now". Code never calls Date.now() directly, so tests can
 * move time (deadlines are months long) and every instance agrees on how time
 * is read.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that tests set and advance by hand. */
export function manualClock(start: Date): Clock & { set(to: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
