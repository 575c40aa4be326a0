/**
 * A limit on the tasks in flight at once: `limited(task)` starts the task when fewer than `limit`
 * run, else when one of them settles, in the order asked. Used where many values are sealed,
 * opened or pseudonymised at once, so that one request does not fire a burst of KMS calls (KMS
 * throttles per account and Region, and a burst slows every other caller).
 */
export const concurrencyLimit = (limit: number) => {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('The limit must be a positive integer');
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((start) => waiting.push(start));
    running += 1;
    try {
      return await task();
    } finally {
      next();
    }
  };
};
