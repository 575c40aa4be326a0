import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The SDK reads its endpoint from the environment (AWS_ENDPOINT_URL_DYNAMODB), which the local
 * stack sets to DynamoDB Local: the code has no local branch.
 */
export const createDynamoClients = () => {
  const client = new DynamoDBClient({});
  const document = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, document };
};
