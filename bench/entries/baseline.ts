import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The baseline the functions are compared with: the least a DynamoDB-backed handler loads, i.e.
 * the bundled SDK client created at module scope as every handler here does. Its one request, a
 * PutItem into the table named by BENCH_TABLE_NAME, is the baseline of the whole cold start
 * (bench/cold-start.ts); the module-load bench only imports it.
 */
const client = new DynamoDBClient({});

export const handler = async () => {
  await client.send(
    new PutItemCommand({
      TableName: process.env.BENCH_TABLE_NAME,
      Item: { pk: { S: `baseline#${Date.now()}#${Math.random()}` }, at: { S: new Date().toISOString() } },
    }),
  );
  return { statusCode: 200, body: 'put' };
};
