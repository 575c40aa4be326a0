import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { NOTICE_DUE_METRIC } from '#shared/security/use-cases/count-notice-deadlines.ts';
import { OVERDUE_FINDINGS_METRIC } from '#shared/security/use-cases/watch-findings.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';

/**
 * The alarms on what the hourly `security-watch` job counts (Powertools Metrics, dimensions
 * `stage` and `function`), each firing on the first hour above zero:
 * - the 72-hour regulator deadline of breaches of personal data: incidents whose regulator is not
 *   yet told and whose deadline is within the warning hours or passed (`SecurityIncidentNoticeDue`);
 * - findings open past their fix-by date (`SecurityFindingsOverdue`).
 * A watch that stops running is alarmed by its schedule's dead-letter queue and its function's errors.
 */
export class SecurityWatchAlarms extends Construct {
  public readonly incidentNoticeDue: Alarm;
  public readonly findingsOverdue: Alarm;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { stage } = props.settings;
    const watched = (metricName: string) => functionMetric(stage, 'securityWatch', metricName, { statistic: 'Maximum', period: Duration.hours(1) });
    this.incidentNoticeDue = alarmAboveZero(
      this,
      'IncidentNoticeDue',
      watched(NOTICE_DUE_METRIC),
      `Security incidents (${stage}): the regulator is not yet told of a breach of personal data whose 72-hour deadline is near or passed`,
    );
    this.findingsOverdue = alarmAboveZero(
      this,
      'FindingsOverdue',
      watched(OVERDUE_FINDINGS_METRIC),
      `Security findings (${stage}): an open finding is past its fix-by date`,
    );
  }
}
