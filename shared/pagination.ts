import * as z from 'zod/mini';
import type { CursorScope, CursorSeal } from '#shared/crypto/cursor-seal.ts';
import { InvalidCursorError } from '#shared/errors.ts';

export type { CursorScope, CursorSeal } from '#shared/crypto/cursor-seal.ts';

/** The page size of a list when the caller asks for none. */
export const LIST_LIMIT_DEFAULT = 20;

/**
 * Opaque cursors: the last key of a page, sealed for the caller and the list (cursor-seal.ts), so
 * that a cursor reveals nothing and is refused from anyone else or on another list. An opened
 * cursor is still decoded against the exact key shape of its list and checked against its own
 * partition before DynamoDB sees it.
 */
export const encodeCursor = async (
  cursors: CursorSeal,
  scope: CursorScope,
  key: Record<string, unknown> | undefined,
): Promise<string | null> => (key ? cursors.seal(JSON.stringify(key), scope) : null);

export const decodeCursor = async <S extends z.core.$ZodType>(
  cursors: CursorSeal,
  scope: CursorScope,
  cursor: string,
  keySchema: S,
): Promise<z.output<S>> => {
  const payload = await cursors.open(cursor, scope);
  if (payload === undefined) throw new InvalidCursorError();
  let decoded: unknown;
  try {
    decoded = JSON.parse(payload);
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = z.safeParse(keySchema, decoded);
  if (!parsed.success) throw new InvalidCursorError();
  return parsed.data;
};

/**
 * Where a list resumes: nowhere without a cursor; else the cursor's key, if it was sealed for
 * this caller and list and is one of this list (`belongs`: its partition, its kind of item), or
 * InvalidCursorError.
 */
export const resumeAfter = async <S extends z.core.$ZodType>(
  cursors: CursorSeal,
  scope: CursorScope,
  cursor: string | undefined,
  keySchema: S,
  belongs: (key: z.output<S>) => boolean,
): Promise<z.output<S> | undefined> => {
  if (!cursor) return undefined;
  const key = await decodeCursor(cursors, scope, cursor, keySchema);
  if (!belongs(key)) throw new InvalidCursorError();
  return key;
};
