import { Annotations, type IAspect } from 'aws-cdk-lib';
import { Alarm, CompositeAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface OnCallTopicProps {
  settings: StageSettings;
  /** The customer-managed key the topic is encrypted with; CloudWatch is allowed to use it to publish. */
  key: IKey;
  /** Who is paged (`cdk deploy -c onCallEmail=...`); without it alarms reach the topic and nobody else. */
  onCallEmail?: string;
}

/**
 * Where every alarm of the stage goes: one SNS topic (encrypted, TLS only) with the on-call
 * person's email subscribed. Subscribing a pager, a chat channel or an incident tool is one more
 * subscription on this topic.
 */
export class OnCallTopic extends Construct {
  public readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OnCallTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: `User protection (${props.settings.stage}) alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key to do so.
    props.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    if (props.onCallEmail) {
      this.topic.addSubscription(new EmailSubscription(props.onCallEmail));
    } else {
      Annotations.of(this).addWarningV2(
        'user-protection:no-on-call-email',
        'No on-call email: alarms reach the topic but page nobody. Deploy with -c onCallEmail=<address>.',
      );
    }
  }
}

/**
 * Alarms that are parts of a composite alarm: the composite pages, its parts do not (else one
 * incident pages two or three times).
 */
const quietAlarms = new WeakSet<IConstruct>();
export const keepQuiet = <T extends IConstruct>(alarm: T): T => {
  quietAlarms.add(alarm);
  return alarm;
};

/**
 * Sends every alarm of the app, wherever it is defined (dead letters, jobs, monitoring, composite
 * burn-rate alarms), to the on-call topic, on alarm and on recovery. One rule in one place, so an
 * alarm added later cannot be forgotten.
 */
export class AlarmsToOnCall implements IAspect {
  private readonly action: SnsAction;
  constructor(topic: ITopic) {
    this.action = new SnsAction(topic);
  }

  visit(node: IConstruct): void {
    if (quietAlarms.has(node)) return;
    if (node instanceof Alarm || node instanceof CompositeAlarm) {
      node.addAlarmAction(this.action);
      node.addOkAction(this.action);
    }
  }
}
