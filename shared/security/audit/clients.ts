import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';

/**
 * The SDK clients the audit reads with. It sends only Describe, Get, List and Scan commands (the
 * sample of the data checks): its role in AWS holds no write action. The clients of Lambda, CloudWatch
 * Logs, IAM, API Gateway, Scheduler, EventBridge and Security Hub are used in AWS only: locally the
 * checks that need them are not applicable.
 */
export interface AuditClients {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  sqs: Pick<SQSClient, 'send'>;
  kms: Pick<KMSClient, 'send'>;
  lambda: Pick<LambdaClient, 'send'>;
  logs: Pick<CloudWatchLogsClient, 'send'>;
  iam: Pick<IAMClient, 'send'>;
  apigateway: Pick<ApiGatewayV2Client, 'send'>;
  scheduler: Pick<SchedulerClient, 'send'>;
  events: Pick<EventBridgeClient, 'send'>;
  securityHub: Pick<SecurityHubClient, 'send'>;
}

/** The clients, configured from the environment (locally, AWS_ENDPOINT_URL_* point at the emulators). */
export const auditClientsFromEnvironment = (): AuditClients => ({
  dynamodb: new DynamoDBClient({}),
  sqs: createSqsClient(),
  kms: new KMSClient({}),
  lambda: new LambdaClient({}),
  logs: new CloudWatchLogsClient({}),
  iam: new IAMClient({}),
  apigateway: new ApiGatewayV2Client({}),
  scheduler: new SchedulerClient({}),
  events: new EventBridgeClient({}),
  securityHub: new SecurityHubClient({}),
});
