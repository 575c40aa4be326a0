import { type CfnResource, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match } from 'aws-cdk-lib/aws-events';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import {
  eventBus as eventBusDefinition,
  queues,
  tables,
  type KeyAttribute,
  type KeyType,
  type QueueDefinition,
  type QueueName,
  type TableDefinition,
  type TableName,
} from '#infra/manifest.ts';
import { eventArchivePattern } from '#infra/event-pattern.ts';
import { alarmOnDeadLetters } from '../constructs/alarm.ts';
import { StaffUserPool } from '../constructs/staff-user-pool.ts';
import { admitEventRulesToQueues } from '../constructs/event-rule-queue-access.ts';
import type { StageSettings } from './deploy-stage.ts';
import { mapValues } from './map-values.ts';

export interface StatefulStackProps extends StackProps {
  settings: StageSettings;
}

/** Stable logical id of the Encryption SDK's key (every sealed personal datum names it). */
export const dataKeyLogicalId = 'DataKey';
/** Stable logical id of the key that encrypts the tables and queues at rest. */
export const storageKeyLogicalId = 'StorageKey';
/** Stable logical id of the HMAC key: a new key would change every pseudonym ever derived. */
export const pseudonymKeyLogicalId = 'PseudonymKey';
export const eventArchiveLogicalId = `${eventBusDefinition.logicalId}Archive`;
export const deadLetterQueueLogicalId = (queue: QueueDefinition): string => `${queue.logicalId}Dlq`;

const attributeTypes: Record<KeyType, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};
const attribute = (key: KeyAttribute) => ({ name: key.name, type: attributeTypes[key.type] });
const optionalAttribute = (key: KeyAttribute | undefined) => (key ? attribute(key) : undefined);

/** Pins the CloudFormation logical id, so that refactoring the construct tree never replaces data. */
function pinLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}

/**
 * Everything that holds data: the customer-managed keys, the tables, the queues and the event
 * bus with its archive.
 * Generated from infra/manifest.ts; deployed separately so that the stateless stack can be
 * replaced freely.
 */
export class StatefulStack extends Stack {
  /** Seals personal data via the AWS Encryption SDK; held only by the functions that seal or open it. */
  public readonly dataKey: Key;
  /** Encrypts the tables and queues at rest; functions may use it only through DynamoDB and SQS. */
  public readonly storageKey: Key;
  /** Derives pseudonyms (keyed hashes of external references) with GenerateMac; never leaves KMS. */
  public readonly pseudonymKey: Key;
  public readonly tables: Record<TableName, Table>;
  public readonly queues: Record<QueueName, Queue>;
  /** Every context's domain events (never personal data), archived for replay. */
  public readonly eventBus: EventBus;
  /** Staff accounts (admin-created, MFA required); the API trusts it next to the people's pool. */
  public readonly staffUserPool: StaffUserPool;
  private readonly settings: StageSettings;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.settings = props.settings;
    this.dataKey = this.createDataKey();
    this.storageKey = this.createStorageKey();
    this.pseudonymKey = this.createPseudonymKey();
    this.tables = mapValues(tables, (definition) => this.createTable(definition));
    this.queues = mapValues(queues, (definition) => this.createQueue(definition));
    this.eventBus = this.createEventBus();
    // Event rules that target a queue (stateless stack) may send to it and use its key.
    admitEventRulesToQueues(this, { queues: this.queues, eventBus: this.eventBus, settings: this.settings });
    this.staffUserPool = new StaffUserPool(this, 'StaffIdentities', { settings: this.settings });
  }

  private createDataKey(): Key {
    const key = new Key(this, dataKeyLogicalId, {
      description: `User protection ${this.settings.stage}: personal data (AWS Encryption SDK)`,
      alias: `alias/user-protection/${this.settings.stage}/data`,
      enableKeyRotation: true,
      // Losing the key loses every table, backup and encrypted blob: never delete it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(key, dataKeyLogicalId);
    return key;
  }

  /**
   * A key apart from the data key, so that what can read a table cannot open the personal data
   * sealed in it. The existing key stays the data key: Encryption SDK ciphertexts name the key
   * that wrapped them, while a table or a queue moves to a new key in place.
   */
  private createStorageKey(): Key {
    const key = new Key(this, storageKeyLogicalId, {
      description: `User protection ${this.settings.stage}: tables and queues at rest`,
      alias: `alias/user-protection/${this.settings.stage}/storage`,
      enableKeyRotation: true,
      // Backups and point-in-time recovery of every table need it: never delete it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(key, storageKeyLogicalId);
    return key;
  }

  private createPseudonymKey(): Key {
    const key = new Key(this, pseudonymKeyLogicalId, {
      description: `User protection ${this.settings.stage}: pseudonyms of external references (HMAC)`,
      alias: `alias/user-protection/${this.settings.stage}/pseudonym`,
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      // KMS cannot rotate HMAC keys, and a new key would make old and new pseudonyms differ anyway.
      enableKeyRotation: false,
      // Without the key, stored pseudonyms can no longer be matched: keep it in prod.
      removalPolicy: this.settings.dataRemovalPolicy,
    });
    pinLogicalId(key, pseudonymKeyLogicalId);
    return key;
  }

  private createEventBus(): EventBus {
    const bus = new EventBus(this, eventBusDefinition.logicalId, {
      description: `User protection ${this.settings.stage}: domain events`,
    });
    bus.applyRemovalPolicy(this.settings.dataRemovalPolicy);
    pinLogicalId(bus, eventBusDefinition.logicalId);
    // The archive is the replayable history of what happened: new subscribers can catch up from it.
    const archive = bus.archive(eventArchiveLogicalId, {
      description: `User protection ${this.settings.stage}: every domain event, for replay`,
      eventPattern: { source: Match.prefix(eventArchivePattern.source[0].prefix) },
      retention: this.settings.eventArchiveRetention,
    });
    archive.applyRemovalPolicy(this.settings.dataRemovalPolicy);
    pinLogicalId(archive, eventArchiveLogicalId);
    return bus;
  }

  private createTable(definition: TableDefinition): Table {
    const table = new Table(this, definition.logicalId, {
      partitionKey: attribute(definition.partitionKey),
      sortKey: optionalAttribute(definition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.storageKey,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      // An outbox's relay reads the inserted items from the stream: their new image is all it needs.
      stream: definition.outbox ? StreamViewType.NEW_IMAGE : undefined,
      deletionProtection: this.settings.protectData,
      removalPolicy: this.settings.dataRemovalPolicy,
    });
    for (const index of definition.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: optionalAttribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    pinLogicalId(table, definition.logicalId);
    return table;
  }

  private createQueue(definition: QueueDefinition): Queue {
    const deadLetterQueue = new Queue(this, deadLetterQueueLogicalId(definition), {
      ...this.encryptedQueueProps(),
      // Messages arrive here after being delivered maxReceiveCount times: keep them as long as SQS allows.
      retentionPeriod: Duration.days(14),
    });
    pinLogicalId(deadLetterQueue, deadLetterQueueLogicalId(definition));
    this.alarmOnMessages(deadLetterQueue, definition);

    const queue = new Queue(this, definition.logicalId, {
      ...this.encryptedQueueProps(),
      retentionPeriod: Duration.days(definition.retentionDays),
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    pinLogicalId(queue, definition.logicalId);
    return queue;
  }

  private encryptedQueueProps() {
    return {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.storageKey,
      enforceSSL: true,
      removalPolicy: this.settings.dataRemovalPolicy,
    };
  }

  /** Any message in a dead-letter queue needs a human: alarm as soon as one is visible. */
  private alarmOnMessages(deadLetterQueue: Queue, definition: QueueDefinition): void {
    const name = deadLetterQueueLogicalId(definition);
    alarmOnDeadLetters(
      this,
      `${name}NotEmptyAlarm`,
      deadLetterQueue,
      `${name} (${this.settings.stage}) holds messages that failed ${definition.maxReceiveCount} deliveries: ${definition.purpose}`,
    );
  }
}
