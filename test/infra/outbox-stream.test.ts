import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, functions, tables, type FunctionDefinition, type FunctionName, type TableDefinition, type TableName } from '#infra/manifest.ts';
import { OUTBOX_GRACE_MS } from '#shared/events/outbox.ts';
import { outboxInsertFilter } from '#shared/events/outbox-stream.ts';
import { outboxStreamMaxRecordAge, outboxStreamRetryAttempts } from '../../infra/constructs/outbox-stream-wiring.ts';
import { storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

/**
 * The outbox's stream relay as Lambda runs it: each table flagged `outbox` has a stream of new
 * images, and the function that `relaysOutbox` of it reads that stream through an event source
 * mapping (inserted outbox items only, bisected retries, partial batch responses, an alarmed
 * on-failure queue), with an IteratorAge alarm and least-privilege grants. Both follow infra/manifest.ts.
 */

const tableNames = Object.keys(tables) as TableName[];
const outboxTables = tableNames.filter((name) => (tables as Record<TableName, TableDefinition>)[name].outbox === true);
const relays = (Object.entries(functions) as Array<[FunctionName, FunctionDefinition]>).flatMap(([name, definition]) =>
  definition.relaysOutbox ? [{ name, ...definition.relaysOutbox, table: definition.relaysOutbox.table as TableName }] : [],
);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** How the stateless stack refers to a stateful table's stream: an import of its `StreamArn`. */
const streamOf = (table: TableName) => `FnGetAtt${tables[table].logicalId}StreamArn`;
const namesAStream = (value: unknown) => /FnGetAtt\w+StreamArn/.test(JSON.stringify(value));

describe('outbox stream relay (dev)', () => {
  let stateful: Template;
  let stateless: Template;
  let lambdas: Record<string, TemplateResource>;
  /** The on-call topic's logical id in the stateful stack: the stateless alarms import its Ref. */
  let onCallTopicId: string;

  const lambdaOf = (name: FunctionName): string => {
    const found = Object.entries(lambdas).find(([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name);
    if (!found) throw new Error(`no function for ${name}`);
    return found[0];
  };
  const statementsOf = (name: FunctionName) => {
    const roleLogicalId = lambdas[lambdaOf(name)]?.Properties?.Role['Fn::GetAtt'][0];
    return Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
      .filter((policy) => policy.Properties?.Roles.some((role: { Ref: string }) => role.Ref === roleLogicalId))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Array<Record<string, any>>)
      .filter((statement) => statement.Effect === 'Allow');
  };
  const streamMappings = () =>
    Object.values(resourcesOfType(stateless, 'AWS::Lambda::EventSourceMapping')).filter((mapping) => namesAStream(mapping.Properties?.EventSourceArn));
  const mappingOf = (name: FunctionName) => {
    const found = streamMappings().filter((mapping) => mapping.Properties?.FunctionName.Ref === lambdaOf(name));
    expect(found).toHaveLength(1);
    return found[0]!.Properties!;
  };
  const onFailureQueueOf = (name: FunctionName): string => mappingOf(name).DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
  const publishesToOnCall = (alarm: TemplateResource | undefined) =>
    JSON.stringify(alarm?.Properties?.AlarmActions).includes(`ExportsOutputRef${onCallTopicId}`);

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    const synthesised = synthUserProtection('dev');
    ({ stateful, stateless } = synthesised);
    lambdas = resourcesOfType(stateless, 'AWS::Lambda::Function');
    const topic = synthesised.stacks.onCall.topic;
    onCallTopicId = Stack.of(topic).getLogicalId(topic.node.defaultChild as CfnTopic);
  });

  it('has exactly one relay per outbox table, and relays only outbox tables', () => {
    // Assess
    expect(outboxTables.length).toBeGreaterThan(0);
    expect(relays.map((relay) => relay.table).sort()).toEqual([...outboxTables].sort());
  });

  it.each(tableNames)('%s has a stream of new images if and only if it holds an outbox', (table) => {
    // Act
    const stream = resourcesOfType(stateful, 'AWS::DynamoDB::Table')[tables[table].logicalId]?.Properties?.StreamSpecification;

    // Assess
    expect(stream).toEqual(outboxTables.includes(table) ? { StreamViewType: 'NEW_IMAGE' } : undefined);
  });

  it('reads no stream but through the relays (one mapping each)', () => {
    // Act
    const readers = streamMappings().map((mapping) => mapping.Properties?.FunctionName.Ref);

    // Assess
    expect(readers.sort()).toEqual(relays.map((relay) => lambdaOf(relay.name)).sort());
  });

  it.each(relays)('$name reads the $table stream from its oldest record, inserted outbox items only, in batches with partial batch responses', (relay) => {
    // Act
    const mapping = mappingOf(relay.name);

    // Assess
    expect(JSON.stringify(mapping.EventSourceArn)).toContain(streamOf(relay.table));
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: relay.batchSize,
      MaximumBatchingWindowInSeconds: relay.maxBatchingWindowSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(mapping.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['outbox'] } } } });
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual(outboxInsertFilter);
  });

  it.each(relays)('$name bisects a failing batch and gives it up after bounded retries and age (the scheduled relay has the items)', (relay) => {
    // Act
    const mapping = mappingOf(relay.name);

    // Assess
    expect(mapping).toMatchObject({
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: outboxStreamRetryAttempts,
      MaximumRecordAgeInSeconds: outboxStreamMaxRecordAge.toSeconds(),
    });
    expect(mapping.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    expect(mapping.MaximumRecordAgeInSeconds * 1000).toBeGreaterThan(OUTBOX_GRACE_MS);
    expect(mapping.MaximumRecordAgeInSeconds).toBeLessThan(24 * 3600);
  });

  it.each(relays)('$name sends a given-up batch to its own SQS on-failure queue, TLS only, alarmed to the on-call topic', (relay) => {
    // Act
    const queueId = onFailureQueueOf(relay.name);
    const alarms = Object.values(resourcesOfType(stateless, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        alarm.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(alarm.Properties?.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
    );

    // Assess
    expect(mappingOf(relay.name).DestinationConfig.OnFailure.Destination['Fn::GetAtt'][1]).toBe('Arn');
    expect(resourcesOfType(stateless, 'AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expect(relays.filter((other) => other.name !== relay.name).map((other) => onFailureQueueOf(other.name))).not.toContain(queueId);
    expectResourceProperties(stateless, 'AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching' });
    expect(publishesToOnCall(alarms[0])).toBe(true);
  });

  it.each(relays)('$name: an alarm to the on-call topic when it falls further behind its stream than the grace period', (relay) => {
    // Act
    const alarms = Object.values(resourcesOfType(stateless, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) =>
        alarm.Properties?.MetricName === 'IteratorAge' &&
        JSON.stringify(alarm.Properties?.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: lambdaOf(relay.name) } }]),
    );

    // Assess
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: OUTBOX_GRACE_MS,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(publishesToOnCall(alarms[0])).toBe(true);
  });

  it.each(relays)('$name may read its own stream only, send to its on-failure queue, and use the key only through DynamoDB', (relay) => {
    // Act
    const statements = statementsOf(relay.name);
    const onStreams = statements.filter((statement) => namesAStream(statement.Resource));
    const sends = statements.filter((statement) => asArray(statement.Action).includes('sqs:SendMessage'));
    const onStorageKey = statements.filter((statement) => JSON.stringify(statement.Resource).includes(`FnGetAtt${storageKeyLogicalId}Arn`));

    // Assess: the three reads the poller makes, on this one stream; ListStreams (resource `*` only) is not needed.
    expect(onStreams).toHaveLength(1);
    expect(asArray(onStreams[0]!.Action).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
    expect(asArray(onStreams[0]!.Resource)).toHaveLength(1);
    expect(JSON.stringify(onStreams[0]!.Resource)).toContain(streamOf(relay.table));
    expect(statements.filter((statement) => asArray(statement.Action).includes('dynamodb:ListStreams'))).toEqual([]);
    expect(sends.map((statement) => [statement.Action, statement.Resource])).toContainEqual(['sqs:SendMessage', { 'Fn::GetAtt': [onFailureQueueOf(relay.name), 'Arn'] }]);
    // DynamoDB decrypts the stream's records with the table's key for the poller, and only DynamoDB may.
    expect(onStorageKey.filter((statement) => asArray(statement.Action).includes('kms:Decrypt')).length).toBeGreaterThan(0);
    for (const statement of onStorageKey) {
      expect(statement.Condition).toEqual({ StringEquals: { 'kms:ViaService': expect.stringMatching(/^dynamodb\.[a-z0-9-]+\.amazonaws\.com$/) } });
    }
  });

  it('lets no other function read a stream', () => {
    // Act
    const readers = (Object.keys(functions) as FunctionName[]).filter((name) => statementsOf(name).some((statement) => namesAStream(statement.Resource)));

    // Assess
    expect(readers.sort()).toEqual(relays.map((relay) => relay.name).sort());
  });
});
