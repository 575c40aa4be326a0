/** Attempts before a change that keeps losing to concurrent writers gives up (the API answers 409). */
const CONFLICT_ATTEMPTS = 8;

/** The pause before attempt `n + 1`: random, up to 20 ms times `n`. */
const linearJitter = (n: number) => Math.random() * 20 * n;

/**
 * Optimistic concurrency: runs `attempt` (read, decide, write conditionally on what was read) and,
 * when its write lost to another writer (`isConflict`), runs it again on a fresh read, after a short
 * random pause that grows with each attempt so that contenders spread out. After `maxAttempts` the
 * conflict is thrown. `attempt` must raise a conflict only from its conditional write: anything it
 * does after a successful write must not be repeated.
 */
export const retryOnConflict = async <T>(
  isConflict: (error: unknown) => boolean,
  attempt: () => Promise<T>,
  maxAttempts: number = CONFLICT_ATTEMPTS,
  pauseMs: (attempt: number) => number = linearJitter,
): Promise<T> => {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConflict(error) || n >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs(n)));
    }
  }
};
