import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';

/**
 * The SDK clients the audit function reads tables and queues with. It sends only Describe, Get
 * and Scan commands (the sample of the data checks): its role in AWS holds no write action. The
 * keys, what runs the code and Security Hub are read by the audit's readers, with clients of their
 * own (deployment-clients.ts; KMS and Security Hub in the keys and findings reader).
 */
export interface AuditClients {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  sqs: Pick<SQSClient, 'send'>;
}

/** The clients, configured from the environment (locally, AWS_ENDPOINT_URL_* point at the emulators). */
export const auditClientsFromEnvironment = (): AuditClients => ({
  dynamodb: new DynamoDBClient({}),
  sqs: createSqsClient(),
});
