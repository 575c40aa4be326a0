import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';

/**
 * Partial batch responses (the event source mapping's ReportBatchItemFailures): each record is
 * handled on its own; the ids of those that failed go back, so only they are retried and, after
 * maxReceiveCount deliveries, moved to the dead-letter queue. A malformed body fails like any
 * other error: retrying cannot fix it, and the dead-letter queue is where a human looks at it.
 */
class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

type Log = Pick<import('@aws-lambda-powertools/logger').Logger, 'warn'>;

export const parseBody = <S extends z.ZodMiniType>(record: SQSRecord, schema: S): z.output<S> => {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('The message body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PoisonMessageError('The message body has not the expected shape');
  return parsed.data;
};

/**
 * Powertools' batch processor, with each failure logged by id only. Records are handled one after
 * another unless `inParallel`: a consumer whose records never touch the same item (one delivery
 * per event) saves the batch's waiting by handling them together.
 */
export const processBatch = async (
  event: SQSEvent,
  handle: (record: SQSRecord) => Promise<unknown>,
  log: Log,
  options: { inParallel?: boolean } = {},
): Promise<SQSBatchResponse> =>
  processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        return await handle(record);
      } catch (error) {
        // Never the body: it names the record only by id and its delivery count.
        log.warn('Message failed', {
          messageId: record.messageId,
          receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
          errorName: (error as Error)?.name,
        });
        throw error;
      }
    },
    new BatchProcessor(EventType.SQS),
    // Sequentially by default: records of one batch often touch the same case, and order then
    // saves retries. A batch that fails whole still answers with every id, like any other partial failure.
    { processInParallel: options.inParallel ?? false, throwOnFullBatchFailure: false },
  );
