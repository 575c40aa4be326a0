import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { ReviewIdSchema } from '#shared/moderation/ids.ts';
import type { ModerationService } from '#shared/moderation/service.ts';
import { parseBody, processBatch } from '#shared/moderation/sqs-batch.ts';

const MessageSchema = z.strictObject({ reviewId: ReviewIdSchema });

/**
 * The content-review queue's worker: screens each submitted item (blocklists, rules,
 * near-duplicates of removed content) and approves it, holds it or sends it to human review.
 * Idempotent: a review screened before (a redelivery) changes nothing.
 */
export const createContentReviewWorker = (deps: { service: ModerationService; logger: Logger }) =>
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    deps.logger.addContext(context);
    return processBatch(event, async (record) => deps.service.screen(parseBody(record, MessageSchema).reviewId), deps.logger);
  };
