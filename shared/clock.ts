/** Time is injected everywhere so that deadlines can be tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `start` that tests can move forward. */
export const fixedClock = (start: Date | string) => {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(milliseconds: number) {
      current = new Date(current.getTime() + milliseconds);
    },
  };
};

export const HOUR_MS = 60 * 60 * 1000;
