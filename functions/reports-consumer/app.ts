import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { NoticeIdSchema } from '#shared/moderation/ids.ts';
import type { ModerationService } from '#shared/moderation/service.ts';
import { parseBody, processBatch } from '#shared/moderation/sqs-batch.ts';

const MessageSchema = z.strictObject({ noticeId: NoticeIdSchema });

/**
 * The reports queue's consumer: each message names a notice; triage merges it into the case of
 * its target. Idempotent: a notice triaged before (a redelivery) changes nothing.
 */
export const createReportsConsumer = (deps: { service: ModerationService; logger: Logger }) =>
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    deps.logger.addContext(context);
    return processBatch(event, async (record) => deps.service.triageNotice(parseBody(record, MessageSchema).noticeId), deps.logger);
  };
