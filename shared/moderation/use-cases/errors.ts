/** The errors of the trust-and-safety use cases that the domain does not raise (the API maps each to its answer). */

/** The reporter filed too many notices of late. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many notices; try again later');
  }
}

/** What was to be written once exists already (a content id submitted before, a value on its blocklist already). */
export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

/** The reporter may not file notices for now, after repeated manifestly unfounded ones. */
export class NoticeFilingSuspendedError extends Error {
  override name = 'NoticeFilingSuspendedError';
  constructor(readonly until: string) {
    super(`Reporting is suspended until ${until} after repeated manifestly unfounded notices (DSA Art. 23).`);
  }
}

/** The queue did not take the message; the request left nothing behind and may be retried. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}
