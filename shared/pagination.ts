import type { z } from 'zod';
import { InvalidCursorError } from '#shared/errors.ts';

/** The page size of a list when the caller asks for none. */
export const LIST_LIMIT_DEFAULT = 20;

/**
 * Opaque cursors: the base64url of the last evaluated key. A cursor is decoded against the
 * exact key shape of its list and checked by the caller against its own partition, so a forged
 * or foreign cursor is refused instead of being handed to DynamoDB.
 */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;

export const decodeCursor = <S extends z.ZodType>(cursor: string, keySchema: S): z.output<S> => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = keySchema.safeParse(decoded);
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
};

/**
 * Where a list resumes: nowhere without a cursor; else the cursor's key, if it is one of this list
 * (`belongs`: its partition, its kind of item), or InvalidCursorError.
 */
export const resumeAfter = <S extends z.ZodType>(
  cursor: string | undefined,
  keySchema: S,
  belongs: (key: z.output<S>) => boolean,
): z.output<S> | undefined => {
  if (!cursor) return undefined;
  const key = decodeCursor(cursor, keySchema);
  if (!belongs(key)) throw new InvalidCursorError();
  return key;
};
