import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { idPattern } from '#shared/ids.ts';
import { parseBody, processBatch } from '#shared/aws/sqs-batch.ts';

/**
 * What the API function queues: the id of a notice to triage, or of a review to screen; never
 * personal data. Checked here: a consumer loads none of the API's schemas.
 */
const NoticeMessageSchema = z.strictObject({ noticeId: z.string().check(z.regex(idPattern('ntc'))) });
const ReviewMessageSchema = z.strictObject({ reviewId: z.string().check(z.regex(idPattern('rev'))) });

/** A queue's consumer: each message of a batch checked against `schema` and handled on its own (partial batch responses). */
const createMessageConsumer =
  <S extends z.ZodMiniType>(schema: S, handle: (message: z.output<S>) => Promise<unknown>, logger: Logger) =>
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    return processBatch(event, async (record) => handle(parseBody(record, schema)), logger);
  };

/**
 * The reports queue's consumer: each message names a notice; triage merges it into the case of
 * its target. Idempotent: a notice triaged before (a redelivery) changes nothing.
 */
export const createReportsConsumer = (deps: { triage: (noticeId: string) => Promise<unknown>; logger: Logger }) =>
  createMessageConsumer(NoticeMessageSchema, (message) => deps.triage(message.noticeId), deps.logger);

/**
 * The content-review queue's worker: screens each submitted item (blocklists, rules,
 * near-duplicates of removed content) and approves it, holds it or sends it to human review.
 * Idempotent: a review screened before (a redelivery) changes nothing.
 */
export const createContentReviewWorker = (deps: { screen: (reviewId: string) => Promise<unknown>; logger: Logger }) =>
  createMessageConsumer(ReviewMessageSchema, (message) => deps.screen(message.reviewId), deps.logger);
