import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';

/**
 * The SDK clients the audit function reads tables, queues and keys with. It sends only Describe,
 * Get and Scan commands (the sample of the data checks): its role in AWS holds no write action.
 * What runs the code is read by the audit's readers, with clients of their own
 * (deployment-clients.ts, and Security Hub's in its reader).
 */
export interface AuditClients {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  sqs: Pick<SQSClient, 'send'>;
  kms: Pick<KMSClient, 'send'>;
}

/** The clients, configured from the environment (locally, AWS_ENDPOINT_URL_* point at the emulators). */
export const auditClientsFromEnvironment = (): AuditClients => ({
  dynamodb: new DynamoDBClient({}),
  sqs: createSqsClient(),
  kms: new KMSClient({}),
});
