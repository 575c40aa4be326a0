/**
 * Reading DynamoDB's refusals of a conditional write or a transaction, in one place: whether
 * another writer got there first.
 */
type Cancellation = { name?: string; CancellationReasons?: Array<{ Code?: string }> };

/** The reason code of each item of a cancelled transaction, in the order of its items. */
const cancellationCodes = (error: unknown): string[] =>
  ((error as Cancellation).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');

const isCancelled = (error: unknown) => (error as Cancellation).name === 'TransactionCanceledException';

/** A concurrent transaction held one of the items. */
const isTransactionConflict = (error: unknown): boolean =>
  (error as Cancellation).name === 'TransactionConflictException' ||
  (isCancelled(error) && cancellationCodes(error).includes('TransactionConflict'));

/** Someone else wrote first: a condition failed, or a concurrent transaction held an item. */
export const isWriteConflict = (error: unknown): boolean =>
  (error as Cancellation).name === 'ConditionalCheckFailedException' ||
  isTransactionConflict(error) ||
  (isCancelled(error) && cancellationCodes(error).includes('ConditionalCheckFailed'));
