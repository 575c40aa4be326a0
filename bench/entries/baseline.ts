import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The baseline the functions' load time is compared with: the least a DynamoDB-backed handler
 * loads, i.e. the bundled SDK client created at module scope as every handler here does.
 */
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: String(client.config.apiVersion) });
