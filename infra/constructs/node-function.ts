import { Duration, Validations } from 'aws-cdk-lib';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Function as LambdaFunction, type ParamsAndSecretsLayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  commonEnv,
  eventSourceOf,
  metricsNamespace,
  tables as tableDefinitions,
  type FunctionDefinition,
  type FunctionName,
  type QueueName,
  type TableName,
} from '#infra/manifest.ts';
import { houseFunctionCode } from './function-code.ts';
import { type OutboxStreamRelay, wireOutboxStream } from './outbox-stream-wiring.ts';
import { wireQueues } from './queue-wiring.ts';
import { grantStorageKeyVia, storageKeyActions } from './storage-key-grants.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface NodeFunctionProps {
  /** Key of the definition in `functions`; also the Powertools service name. */
  name: FunctionName;
  definition: FunctionDefinition;
  settings: StageSettings;
  /** Every table of the app; the function is granted only those its definition names. */
  tables: Record<TableName, ITable>;
  /** The Encryption SDK's key: a function with `usesDataKey` seals and opens personal data with it. */
  dataKey: IKey;
  /** The HMAC key; a function with `usesPseudonymKey` may derive MACs with it, nothing else. */
  pseudonymKey: IKey;
  /** The domain event bus; a function with `publishesEvents` may put events on it, nothing else. */
  eventBus: IEventBus;
  /** Repository root: entries are relative to it, and bundles are built there (with the packages package-lock.json pins). */
  projectRoot: string;
  /** Every queue of the app; the function consumes and sends to only those its definition names. */
  queues: Record<QueueName, IQueue>;
  /** The Parameters and Secrets extension, for a function that reads a secret (the API's origin secret). */
  paramsAndSecrets?: ParamsAndSecretsLayerVersion;
}

/**
 * The one way this project defines a Lambda function: ESM bundle with the AWS SDK inside
 * (no reliance on the runtime's copy), arm64, Node 22, a log group with retention, and exactly
 * the permissions its FunctionDefinition asks for.
 *
 * Observability: logs and Powertools Metrics, no X-Ray. The environment carries what the metrics
 * of shared/observability need: one namespace, and the stage and the function's name (also its
 * service name) as the two dimensions of every metric.
 */
export class NodeFunction extends Construct {
  public readonly function: LambdaFunction;
  public readonly logGroup: LogGroup;
  public readonly role: Role;
  /** A function that `relaysOutbox`: its mapping on the table's stream, on-failure queue and alarms. */
  public readonly outboxStream?: OutboxStreamRelay;
  private readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const { definition, settings } = props;
    this.definition = definition;

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: settings.logRetention,
      removalPolicy: settings.logRemovalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${definition.logicalId} (${settings.stage})`,
    });
    this.logGroup.grantWrite(this.role);

    const runtime = Runtime.NODEJS_22_X;
    this.function = new LambdaFunction(this, 'Function', {
      code: houseFunctionCode({ projectRoot: props.projectRoot, entry: definition.entry, runtime }),
      handler: 'index.handler',
      description: definition.description,
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: definition.memorySize,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: this.environment(props),
      ...(props.paramsAndSecrets && { paramsAndSecrets: props.paramsAndSecrets }),
    });

    this.grantTables(props);
    if (definition.usesDataKey) this.grantDataKey(props.dataKey);
    // A pseudonym is GenerateMac of an external reference; comparing recomputes it, so no VerifyMac.
    if (definition.usesPseudonymKey) props.pseudonymKey.grant(this.role, 'kms:GenerateMac');
    // events:PutEvents on this bus only, and only as its own context: a function cannot publish
    // events in another context's name.
    if (definition.publishesEvents) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [props.eventBus.eventBusArn],
          conditions: { StringEquals: { 'events:source': eventSourceOf[props.name] } },
        }),
      );
    }
    // `consumes`: an event source mapping with partial batch responses; `sendsTo`: SendMessage only.
    wireQueues({ definition, function: this.function, role: this.role, queues: props.queues });
    // `relaysOutbox`: an event source mapping on the outbox table's stream, inserted outbox items only.
    this.outboxStream = wireOutboxStream(this, { name: props.name, definition, function: this.function, role: this.role, tables: props.tables, settings });
    this.acknowledgeFindings();
  }

  private environment({ name, definition, settings, tables, dataKey, pseudonymKey, eventBus }: NodeFunctionProps) {
    const environment: Record<string, string> = {
      // The `stage` and `function` dimensions of every metric.
      [commonEnv.stage]: settings.stage,
      [commonEnv.serviceName]: name,
      [commonEnv.metricsNamespace]: metricsNamespace,
    };
    if (definition.usesDataKey) environment[commonEnv.dataKeyArn] = dataKey.keyArn;
    if (definition.usesPseudonymKey) environment[commonEnv.pseudonymKeyArn] = pseudonymKey.keyArn;
    if (definition.publishesEvents) environment[commonEnv.eventBusName] = eventBus.eventBusName;
    for (const tableName of grantedTables(definition)) {
      environment[tableDefinitions[tableName].envVar] = tables[tableName].tableName;
    }
    return environment;
  }

  private grantTables({ definition, tables }: NodeFunctionProps): void {
    for (const tableName of grantedTables(definition)) {
      const table = tables[tableName];
      const { logicalId, globalIndexes } = tableDefinitions[tableName];
      // A view of the table without its indexes and its key: CDK would grant `<table>/index/*`
      // and an unconditioned key statement. The indexes are granted by name below, the key only
      // through DynamoDB.
      const tableOnly = Table.fromTableAttributes(this, `${logicalId}Access`, { tableArn: table.tableArn });
      if (definition.tables[tableName] === 'append') {
        this.grantAppendOnly(tableOnly, table.encryptionKey);
        continue;
      }
      const writes = definition.tables[tableName] === 'readWrite';
      if (writes) tableOnly.grantReadWriteData(this.role);
      else tableOnly.grantReadData(this.role);
      if (table.encryptionKey) {
        const actions = writes ? storageKeyActions.writeTable : storageKeyActions.readTable;
        grantStorageKeyVia(this, this.role, table.encryptionKey, 'dynamodb', actions);
      }
      if (globalIndexes.length > 0) {
        Grant.addToPrincipal({
          grantee: this.role,
          // An index only serves Query here: there is no Scan on a request path.
          actions: ['dynamodb:Query'],
          resourceArns: globalIndexes.map((index) => `${table.tableArn}/index/${index.name}`),
        });
      }
    }
  }

  /**
   * Append-only records: PutItem and nothing else on the table (no read, UpdateItem, DeleteItem or
   * BatchWriteItem, which can delete). IAM has no condition on a ConditionExpression: the writer
   * puts with `attribute_not_exists(pk)` and cannot read the keys it would need to overwrite one.
   */
  private grantAppendOnly(table: ITable, key: IKey | undefined): void {
    table.grant(this.role, 'dynamodb:PutItem');
    if (key) grantStorageKeyVia(this, this.role, key, 'dynamodb', storageKeyActions.writeTable);
  }

  /**
   * Envelope encryption with the AWS Encryption SDK (KmsKeyringNode): encrypting asks KMS for
   * a data key (GenerateDataKey), decrypting unwraps it (Decrypt). Nothing else, no wildcard.
   */
  private grantDataKey(dataKey: IKey): void {
    dataKey.grant(this.role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  /** Acknowledged on the exact resource that raises each finding, never wider. */
  private acknowledgeFindings(): void {
    Validations.of(this.function.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the chosen runtime (DESIGN.md allows 22 or 24): it is the closest to the Node 20/22 the code is developed and tested on; move to nodejs24.x with the toolchain.',
    });
    if (grantedTables(this.definition).length === 0) return;
    const tableKeyGrant = (action: string) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${action} is what CDK grants a writer of a table encrypted with the storage key; limited to that one key ARN and to calls DynamoDB makes for the caller (kms:ViaService).`,
    });
    Validations.of(this.role).acknowledge(tableKeyGrant('kms:GenerateDataKey*'), tableKeyGrant('kms:ReEncrypt*'));
  }
}

function grantedTables(definition: FunctionDefinition): TableName[] {
  return Object.keys(definition.tables) as TableName[];
}
