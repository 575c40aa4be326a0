import type { DynamoDBBatchResponse, DynamoDBStreamEvent, Context } from 'aws-lambda';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { readTableName } from '#shared/config.ts';
import { createOutboxStreamRelay } from '#shared/events/outbox-stream.ts';
import { eventPublisherFromEnvironment } from '#shared/events/publisher.ts';
import type { TableDefinition } from '#shared/manifest/types.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/metrics.ts';

/**
 * The Lambda handler of a context's outbox stream relay: the table and the bus from the
 * environment, the events published as `<system>.<context>`. It loads neither the context's store
 * nor its use cases nor the Encryption SDK: events hold no personal data.
 */
export const outboxStreamHandlerFromEnvironment = (options: {
  table: Pick<TableDefinition, 'envVar'>;
  context: string;
  service: string;
  env: NodeJS.ProcessEnv;
}) => {
  const logger = createLogger(options.service);
  const { document } = createDynamoClients();
  const relay = createOutboxStreamRelay({
    db: document,
    tableName: readTableName(options.table, options.env),
    publisher: eventPublisherFromEnvironment(options.context, options.env),
    logger,
  });
  return observedHandler(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    logger.addContext(context);
    return relay(event);
  });
};
