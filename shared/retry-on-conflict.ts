/** Attempts before a change that keeps losing to concurrent writers gives up (the API answers 409). */
const CONFLICT_ATTEMPTS = 8;

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
): Promise<T> => {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConflict(error) || n >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * n));
    }
  }
};
