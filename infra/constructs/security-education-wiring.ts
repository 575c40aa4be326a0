import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { EDUCATION_OVERDUE_METRIC } from '#shared/security/domain/education.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';

export interface SecurityEducationWiringProps {
  /** The education job (manifest `securityEducationJob`). */
  job: IFunction & { addEnvironment(key: string, value: string): unknown };
  userPools: { people: IUserPool; staff: IUserPool };
  settings: StageSettings;
}

/**
 * What the security education job needs beyond its table and the bus (NodeFunction grants those
 * from the manifest): the staff pool's group members, to measure a staff audience when a campaign
 * starts (ListUsersInGroup on that pool only, and the pools' ids, which the directory reads); and
 * the alarm on the quarterly cadence: the job writes `SecurityEducationOverdue` (1 while the
 * current quarter has had no campaign start after its first 30 days) every hour.
 */
export class SecurityEducationWiring extends Construct {
  public readonly overdueAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SecurityEducationWiringProps) {
    super(scope, id);
    Grant.addToPrincipal({ grantee: props.job, actions: ['cognito-idp:ListUsersInGroup'], resourceArns: [props.userPools.staff.userPoolArn] });
    props.job.addEnvironment(notificationsEnv.peoplePoolId, props.userPools.people.userPoolId);
    props.job.addEnvironment(notificationsEnv.staffPoolId, props.userPools.staff.userPoolId);
    this.overdueAlarm = alarmAboveZero(
      this,
      'OverdueAlarm',
      functionMetric(props.settings.stage, 'securityEducationJob', EDUCATION_OVERDUE_METRIC, { statistic: 'Maximum', period: Duration.hours(1) }),
      `Security education (${props.settings.stage}): no campaign has started this quarter although its first 30 days have passed; schedule one`,
    );
  }
}
