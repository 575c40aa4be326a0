/**
 * Reading DynamoDB's refusals of a conditional write or a transaction, in one place: which item's
 * condition failed (a definitive answer: someone else wrote first), or whether the write only met
 * a concurrent transaction or a throttle (transient: the same write may succeed if tried again).
 */
type Cancellation = { name?: string; CancellationReasons?: Array<{ Code?: string }> };

/** Why a write was refused. `items` are indexes in the transaction (0 for a put or an update). */
export type WriteRefusal = { kind: 'condition-failed'; items: number[] } | { kind: 'transient'; reason: string };

/** Reason codes of a cancelled transaction's items that say nothing about the items' contents. */
const TRANSIENT_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
/** Single-item writes refused because a transaction held the item. */
const TRANSIENT_ERRORS = new Set(['TransactionConflictException']);

/** The reason code of each item of a cancelled transaction, in the order of its items. */
const cancellationCodes = (error: unknown): string[] =>
  ((error as Cancellation).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');

/** What a refused write means, or undefined when the error is not a refusal of this kind. */
export const refusalOf = (error: unknown): WriteRefusal | undefined => {
  const name = (error as Cancellation | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return { kind: 'condition-failed', items: [0] };
  if (name && TRANSIENT_ERRORS.has(name)) return { kind: 'transient', reason: name };
  if (name !== 'TransactionCanceledException') return undefined;
  const codes = cancellationCodes(error);
  const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
  if (failed.length > 0) return { kind: 'condition-failed', items: failed };
  const transient = codes.find((code) => TRANSIENT_CODES.has(code));
  return transient ? { kind: 'transient', reason: transient } : undefined;
};
