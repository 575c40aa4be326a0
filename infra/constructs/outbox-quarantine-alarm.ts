import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { OUTBOX_QUARANTINED_METRIC } from '#shared/events/outbox-relay.ts';
import type { FunctionName } from '#infra/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';

/**
 * The alarm on the outbox relays: a relay that gave up on a change's events (the bus refused them
 * on every attempt for hours) moves them to the outbox's quarantine partition and counts
 * `OutboxQuarantined` (Powertools Metrics, dimensions `stage` and `function`). Those events reach
 * no consumer until an operator releases them (`npm run redrive -- outbox <context>`), so the
 * first one fires the alarm. One alarm per function that relays an outbox.
 */
export class OutboxQuarantineAlarm extends Construct {
  public readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: { functionNames: readonly FunctionName[]; settings: StageSettings }) {
    super(scope, id);
    this.alarms = props.functionNames.map((functionName) =>
      alarmAboveZero(
        this,
        `${functionName}Alarm`,
        functionMetric(props.settings.stage, functionName, OUTBOX_QUARANTINED_METRIC, { statistic: 'Sum', period: Duration.minutes(5) }),
        `Outbox (${props.settings.stage}, ${functionName}): domain events the bus kept refusing were quarantined; fix the cause, then release them`,
      ),
    );
  }
}
