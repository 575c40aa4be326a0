import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, type DimensionsMap, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  DefaultDashboardFactory,
  MetricStatistic,
  MonitoringFacade,
  NoopAlarmActionStrategy,
} from 'cdk-monitoring-constructs';
import type { Construct } from 'constructs';
import { metricsNamespace, type FunctionName, type QueueName, type TableName } from '#infra/manifest.ts';
import { SYNTHETIC_CHECK_FAILED_METRIC } from '#shared/platform/synthetic-check.ts';
import { AvailabilityObjective } from '../constructs/availability-objective.ts';
import type { NodeFunction } from '../constructs/node-function.ts';
import type { StageSettings } from './deploy-stage.ts';

export interface MonitoringStackProps extends StackProps {
  settings: StageSettings;
  api: IHttpApi;
  functions: Record<FunctionName, NodeFunction>;
  queues: Record<QueueName, Queue>;
  tables: Record<TableName, ITable>;
}

/** Thresholds of the alarms, in one place (the README runbook names them). */
const alarmThresholds = {
  /** Share of 5xx answers over 5 minutes. */
  api5xxRate: 0.01,
  /** p99 latency of the API over 5 minutes. */
  apiP99Latency: Duration.seconds(3),
  /** Age of the oldest message waiting in a work queue. */
  queueOldestMessageAge: Duration.minutes(15),
} as const;

/**
 * The stage's one dashboard and the alarms on the promises and the failure modes: the API's
 * requests, errors and latency (per route too), every function, every queue with its dead
 * letters, every table, the customer-service promise (SLA warnings, breaches, escalations) and
 * the availability objective. Every alarm of the app goes to the on-call topic (AlarmsToOnCall),
 * so the facade's own action is a no-op.
 */
export class MonitoringStack extends Stack {
  public readonly monitoring: MonitoringFacade;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const prefix = `UserProtection-${props.settings.stage}`;
    this.monitoring = new MonitoringFacade(this, 'Monitoring', {
      alarmFactoryDefaults: { alarmNamePrefix: prefix, actionsEnabled: true, action: new NoopAlarmActionStrategy() },
      metricFactoryDefaults: {},
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: prefix,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
      }),
    });
    this.monitorApi(props.api);
    this.monitorPromises(props.settings);
    for (const [name, nodeFunction] of Object.entries(props.functions)) {
      this.monitoring.monitorLambdaFunction({ lambdaFunction: nodeFunction.function, humanReadableName: name, alarmFriendlyName: name });
    }
    for (const [name, queue] of Object.entries(props.queues)) this.monitorQueue(name, queue);
    for (const [name, table] of Object.entries(props.tables)) {
      this.monitoring.monitorDynamoTable({ table, humanReadableName: name, alarmFriendlyName: name });
    }
    new AvailabilityObjective(this, 'AvailabilityObjective', { api: props.api, stage: props.settings.stage });
  }

  /** Requests, 4xx, 5xx and latency of the whole API with alarms, and per route (detailed metrics). */
  private monitorApi(api: IHttpApi): void {
    this.monitoring.monitorApiGatewayV2HttpApi({
      api,
      humanReadableName: 'HTTP API',
      alarmFriendlyName: 'Api',
      add5xxRateAlarm: { Critical: { maxErrorRate: alarmThresholds.api5xxRate } },
      addLatencyP99Alarm: { Warning: { maxLatency: alarmThresholds.apiP99Latency } },
    });
    // Detailed metrics (on in the stage) carry Method and Resource; a dimension left undefined
    // matches any value, so one search draws a line per route.
    const routeDimensions = { ApiId: api.apiId, Stage: undefined, Method: undefined, Resource: undefined };
    const perRoute = (metricName: string, statistic: MetricStatistic, label: string) => ({
      searchQuery: `MetricName="${metricName}"`,
      namespace: 'AWS/ApiGateway',
      dimensionsMap: routeDimensions as unknown as DimensionsMap,
      statistic,
      label,
    });
    this.monitoring.monitorCustom({
      alarmFriendlyName: 'ApiRoutes',
      humanReadableName: 'API per route',
      metricGroups: [
        { title: 'Requests per route', metrics: [perRoute('Count', MetricStatistic.SUM, 'requests')] },
        { title: '4xx per route', metrics: [perRoute('4xx', MetricStatistic.SUM, '4xx')] },
        { title: '5xx per route', metrics: [perRoute('5xx', MetricStatistic.SUM, '5xx')] },
        { title: 'p99 latency per route', metrics: [perRoute('Latency', MetricStatistic.P99, 'p99')] },
      ],
    });
  }

  /** The customer-service promise as the SLA sweep counts it, and the satisfaction verdict. */
  private monitorPromises(settings: StageSettings): void {
    const metricFactory = this.monitoring.createMetricFactory();
    const sweepDimensions = { stage: settings.stage, function: 'slaSweep' satisfies FunctionName };
    const sweep = (metricName: string) =>
      metricFactory.createMetric(metricName, MetricStatistic.SUM, metricName, sweepDimensions, undefined, metricsNamespace, Duration.minutes(5));
    this.monitoring.monitorCustom({
      alarmFriendlyName: 'Promises',
      humanReadableName: 'Promises: first response within 24 hours, satisfaction',
      metricGroups: [
        {
          title: 'First-response promise',
          metrics: [
            sweep('ComplaintSlaWarning'),
            {
              metric: sweep('ComplaintSlaBreached'),
              alarmFriendlyName: 'SlaBreached',
              addAlarm: {
                Critical: {
                  threshold: 0,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
                  additionalDescription: 'A complaint missed its response deadline. See the README runbook.',
                },
              },
            },
            sweep('ComplaintEscalated'),
          ],
        },
        {
          title: 'Synthetic check (1 = a probe failed)',
          metrics: [
            {
              metric: metricFactory.createMetric(
                SYNTHETIC_CHECK_FAILED_METRIC,
                MetricStatistic.MAX,
                'failed',
                { stage: settings.stage, function: 'syntheticCheck' satisfies FunctionName },
                undefined,
                metricsNamespace,
                Duration.minutes(5),
              ),
              alarmFriendlyName: 'SyntheticCheck',
              addAlarm: {
                Critical: {
                  threshold: 0,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  // Two runs in a row: one lost probe is noise, two is an outage. No data means the
                  // check itself stopped, so nobody is watching: that pages too.
                  datapointsToAlarm: 2,
                  evaluationPeriods: 2,
                  treatMissingDataOverride: TreatMissingData.BREACHING,
                  additionalDescription: 'Readiness or an authenticated read failed twice in a row through the public endpoint.',
                },
              },
            },
          ],
        },
        {
          title: 'Monthly satisfaction (1 = target not met)',
          metrics: [
            metricFactory.createMetric('SurveyTargetNotMet', MetricStatistic.MAX, 'target not met', undefined, undefined, metricsNamespace, Duration.hours(1)),
          ],
        },
      ],
    });
  }

  /** Depth and oldest message of a work queue (alarm), and its dead letters (alarmed in the stateful stack). */
  private monitorQueue(name: string, queue: Queue): void {
    const deadLetterQueue = queue.deadLetterQueue?.queue;
    const common = {
      queue,
      humanReadableName: name,
      alarmFriendlyName: name,
      addQueueMaxMessageAgeAlarm: {
        Warning: { maxAgeInSeconds: alarmThresholds.queueOldestMessageAge.toSeconds() },
      },
    };
    if (deadLetterQueue) this.monitoring.monitorSqsQueueWithDlq({ ...common, deadLetterQueue });
    else this.monitoring.monitorSqsQueue(common);
  }
}
