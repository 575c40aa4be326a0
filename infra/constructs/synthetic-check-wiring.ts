import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { syntheticCheckEnv } from '#shared/platform/synthetic-check.ts';

/**
 * What the synthetic check needs to call the API as a client does: the public URL (CloudFront,
 * so the probe crosses the WAF and the origin check like every request), the token endpoint and
 * its client; it reads its client's secret from Cognito (DescribeUserPoolClient on that pool only).
 */
export function wireSyntheticCheck(
  check: LambdaFunction,
  options: { baseUrl: string; tokenUrl: string; client: IUserPoolClient; userPool: IUserPool },
): void {
  check.addEnvironment(syntheticCheckEnv.baseUrl, options.baseUrl);
  check.addEnvironment(syntheticCheckEnv.tokenUrl, options.tokenUrl);
  check.addEnvironment(syntheticCheckEnv.clientId, options.client.userPoolClientId);
  check.addEnvironment(syntheticCheckEnv.userPoolId, options.userPool.userPoolId);
  check.addToRolePolicy(
    new PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient'], resources: [options.userPool.userPoolArn] }),
  );
}
