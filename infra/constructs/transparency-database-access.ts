import { Duration, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FunctionName } from '#infra/manifest.ts';
import { submissionMetrics } from '#shared/moderation/domain/statement-submission.ts';
import { transparencyDatabaseEnv } from '#shared/moderation/transparency-database/config.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';

/** The function that submits statements of reasons (manifest `statementSubmission`); it reads the token secret. */
export const transparencyDatabaseSubmitter = 'statementSubmission' satisfies FunctionName;

/** `cdk deploy -c transparencyDatabaseUrl=https://transparency.dsa.ec.europa.eu` (or the sandbox's address). */
export const transparencyDatabaseUrlContext = 'transparencyDatabaseUrl';

export interface TransparencyDatabaseAccessProps {
  /** The submission job's function. */
  target: IFunction & { addEnvironment(key: string, value: string): unknown };
  settings: StageSettings;
}

/**
 * What the statement submission job needs to reach the Commission's DSA Transparency Database:
 * the secret holding its API token (the function may read it, through the Parameters and Secrets
 * extension, and finds its ARN in its environment; the value never appears in the template or
 * the environment), the database's address from the `transparencyDatabaseUrl` context value
 * (without it the job records that it is disabled and sends nothing), and the alarm on
 * statements the database refused as invalid (quarantined: someone must look at them).
 *
 * Setting the token: the database shows a new token once, in its user profile; put it with
 * `aws secretsmanager put-secret-value --secret-id <TransparencyDatabaseTokenSecretArn> --secret-string <token>`.
 */
export class TransparencyDatabaseAccess extends Construct {
  public readonly tokenSecret: Secret;
  public readonly quarantineAlarm: Alarm;

  constructor(scope: Construct, id: string, props: TransparencyDatabaseAccessProps) {
    super(scope, id);
    const { target, settings } = props;
    this.tokenSecret = new Secret(this, 'TokenSecret', {
      description: `API token of the DSA Transparency Database, for submitting statements of reasons (${settings.stage})`,
    });
    this.tokenSecret.grantRead(target);
    target.addEnvironment(transparencyDatabaseEnv.tokenSecretArn, this.tokenSecret.secretArn);

    const url = this.node.tryGetContext(transparencyDatabaseUrlContext) as unknown;
    if (url !== undefined) {
      if (typeof url !== 'string' || !URL.canParse(url) || new URL(url).protocol !== 'https:') {
        throw new Error(`-c ${transparencyDatabaseUrlContext} must be an https URL; got ${JSON.stringify(url)}`);
      }
      target.addEnvironment(transparencyDatabaseEnv.url, url);
    }

    this.quarantineAlarm = alarmAboveZero(
      this,
      'QuarantineAlarm',
      functionMetric(settings.stage, transparencyDatabaseSubmitter, submissionMetrics.quarantined, { statistic: 'Sum', period: Duration.minutes(15) }),
      `Transparency Database (${settings.stage}): a statement of reasons was refused as invalid and quarantined; read its errors (GET /v1/moderation/transparency-database/quarantine), fix the cause, then release it (POST /v1/moderation/transparency-database/quarantine/{puid}/release)`,
    );
    Validations.of(this.tokenSecret.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The token is issued by the Commission's Transparency Database in its web interface (a new one invalidates the old one); no API exists to rotate it, so an operator puts each new token in the secret.",
    });
  }
}
