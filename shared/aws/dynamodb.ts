import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '#shared/observability/tracer.ts';

/**
 * The SDK reads its endpoint from the environment (AWS_ENDPOINT_URL_DYNAMODB), which the local
 * stack sets to DynamoDB Local: the code has no local branch. The document client shares the
 * client's middleware, so the calls of both are traced.
 */
export const createDynamoClients = () => {
  const client = traced(new DynamoDBClient({}));
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, document };
};
