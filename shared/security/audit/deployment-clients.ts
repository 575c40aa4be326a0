import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';

/**
 * The SDK clients the deployment reader reads what runs the code with: functions, their log groups
 * and roles, the HTTP API, schedules and event rules. It sends only Get and List commands. They are
 * used in AWS only: locally the checks that need them are not applicable, and the reader is not invoked.
 */
export interface DeploymentClients {
  lambda: Pick<LambdaClient, 'send'>;
  logs: Pick<CloudWatchLogsClient, 'send'>;
  iam: Pick<IAMClient, 'send'>;
  apigateway: Pick<ApiGatewayV2Client, 'send'>;
  scheduler: Pick<SchedulerClient, 'send'>;
  events: Pick<EventBridgeClient, 'send'>;
}

export const deploymentClientsFromEnvironment = (): DeploymentClients => ({
  lambda: new LambdaClient({}),
  logs: new CloudWatchLogsClient({}),
  iam: new IAMClient({}),
  apigateway: new ApiGatewayV2Client({}),
  scheduler: new SchedulerClient({}),
  events: new EventBridgeClient({}),
});
