import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';

/** Read, decide, write; on a concurrent change, read and decide again. */
export const retrying = <T>(attempt: () => Promise<T>): Promise<T> => retryOnConflict((error) => error instanceof VersionConflictError, attempt);
