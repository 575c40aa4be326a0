import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';
import type { ReadinessClients } from '#shared/platform/readiness.ts';

/** The describe calls behind the readiness checks: the function's DynamoDB client, and an SQS and a KMS client of their own. */
export const createReadinessClients = (dynamodb: DynamoDBClient): ReadinessClients => {
  const sqs = createSqsClient();
  const kms = new KMSClient({});
  return {
    tableStatus: async (tableName) => (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus,
    queueAnswers: async (queueUrl) => {
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    },
    keyState: async (keyArn) => (await kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata?.KeyState,
  };
};
