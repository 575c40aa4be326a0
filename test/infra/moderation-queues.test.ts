import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commonEnv,
  functions,
  queues,
  type FunctionDefinition,
  type FunctionName,
  type QueueName,
} from '#infra/manifest.ts';
import { deadLetterQueueLogicalId, storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

/**
 * The moderation queues as Lambda uses them: an event source mapping with partial batch responses
 * for each function that `consumes` a queue, and exactly sqs:SendMessage (with the KMS actions the
 * queue's encryption needs) for each function that `sendsTo` one. Both follow infra/manifest.ts.
 */

const functionNames = Object.keys(functions) as FunctionName[];
const queueNames = Object.keys(queues) as QueueName[];
const definitionOf = (name: FunctionName): FunctionDefinition => functions[name];
const consumersOf = (queue: QueueName) => functionNames.filter((name) => definitionOf(name).consumes?.queue === queue);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** A cross-stack reference names the stateful resource's logical id, then the attribute. */
const refersTo = (value: unknown, logicalId: string, attribute: 'Arn' | 'Ref') =>
  JSON.stringify(value).includes(attribute === 'Arn' ? `FnGetAtt${logicalId}Arn` : `Ref${logicalId}`);

describe('moderation queues in the stateless stack (dev)', () => {
  let template: Template;
  let lambdas: Record<string, TemplateResource>;

  const lambdaOf = (name: FunctionName): [string, TemplateResource] => {
    const found = Object.entries(lambdas).find(([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name);
    if (!found) throw new Error(`no function for ${name}`);
    return found;
  };
  const statementsOf = (name: FunctionName) => {
    const roleLogicalId = lambdaOf(name)[1].Properties?.Role['Fn::GetAtt'][0];
    return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter((policy) => policy.Properties?.Roles.some((role: { Ref: string }) => role.Ref === roleLogicalId))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Array<Record<string, any>>)
      .filter((statement) => statement.Effect === 'Allow');
  };
  const sqsStatementsOf = (name: FunctionName) =>
    statementsOf(name).filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith('sqs:')));
  /** The queues' mappings; the outbox relays' mappings on table streams are pinned in outbox-stream.test.ts. */
  const mappings = () =>
    Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')).filter(
      (mapping) => !/FnGetAtt\w+StreamArn/.test(JSON.stringify(mapping.Properties?.EventSourceArn)),
    );

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    template = synthUserProtection('dev').stateless;
    lambdas = resourcesOfType(template, 'AWS::Lambda::Function');
  });

  it('has exactly one consumer per queue, and one event source mapping per consumer', () => {
    // Act
    const mapped = mappings().map((mapping) => mapping.Properties?.FunctionName.Ref);

    // Assess
    for (const queue of queueNames) expect(consumersOf(queue), queue).toHaveLength(1);
    const consumers = functionNames.filter((name) => definitionOf(name).consumes);
    expect(mapped.sort()).toEqual(consumers.map((name) => lambdaOf(name)[0]).sort());
  });

  it.each(queueNames)('%s feeds its consumer in batches with partial batch responses (ReportBatchItemFailures)', (queue) => {
    // Prepare
    const [consumer] = consumersOf(queue);
    const consumes = definitionOf(consumer!).consumes!;

    // Act
    const found = mappings().filter((mapping) => refersTo(mapping.Properties?.EventSourceArn, queues[queue].logicalId, 'Arn'));

    // Assess: the main queue, never its dead-letter queue (a DLQ is drained by hand, with redrive).
    expect(found).toHaveLength(1);
    expect(found[0]?.Properties).toMatchObject({
      FunctionName: { Ref: lambdaOf(consumer!)[0] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: consumes.batchSize,
      MaximumBatchingWindowInSeconds: consumes.maxBatchingWindowSeconds,
    });
    expect(consumes.batchSize).toBeGreaterThanOrEqual(1);
    expect(consumes.batchSize).toBeLessThanOrEqual(10);
    expect(refersTo(found[0]?.Properties?.EventSourceArn, deadLetterQueueLogicalId(queues[queue]), 'Arn')).toBe(false);
  });

  it.each(queueNames)("%s hides a message for at least 6x its consumer's timeout", (queue) => {
    // Act
    const [consumer] = consumersOf(queue);
    const timeout = lambdaOf(consumer!)[1].Properties?.Timeout as number;

    // Assess: a batch still running is never delivered a second time because its visibility ran out.
    expect(queues[queue].visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * timeout);
  });

  it.each(functionNames)('%s may receive and delete messages only from the queue it consumes', (name) => {
    // Act
    const receiving = sqsStatementsOf(name).filter((statement) => asArray(statement.Action).includes('sqs:ReceiveMessage'));

    // Assess
    const consumed = definitionOf(name).consumes?.queue;
    if (!consumed) {
      expect(receiving).toEqual([]);
      return;
    }
    expect(receiving).toHaveLength(1);
    // A function that also sends to the queue it consumes (the next page of a fan-out) holds both in one statement: IAM merges them.
    const sendsToItsOwn = definitionOf(name).sendsTo?.includes(consumed) ? ['sqs:SendMessage'] : [];
    expect(asArray(receiving[0]!.Action).sort()).toEqual(
      ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', ...sendsToItsOwn].sort(),
    );
    const resources = asArray(receiving[0]!.Resource);
    expect(resources).toHaveLength(1);
    expect(refersTo(resources[0], queues[consumed].logicalId, 'Arn')).toBe(true);
  });

  it.each(functionNames)('%s may send only to the queues of its definition, with sqs:SendMessage and nothing more', (name) => {
    // Act
    const sending = sqsStatementsOf(name).filter((statement) => asArray(statement.Action).includes('sqs:SendMessage'));
    const variables = lambdaOf(name)[1].Properties?.Environment.Variables as Record<string, unknown>;

    // Assess
    const sendsTo: readonly QueueName[] = definitionOf(name).sendsTo ?? [];
    const consuming = (statement: Record<string, any>) => asArray(statement.Action).includes('sqs:ReceiveMessage');
    for (const statement of sending) if (!consuming(statement)) expect(asArray(statement.Action)).toEqual(['sqs:SendMessage']);
    const resources = sending.flatMap((statement) => asArray(statement.Resource));
    // The moderation queues live in the stateful stack; a function's own on-failure queue is not one of them.
    const moderationQueues = resources.filter((resource) => JSON.stringify(resource).includes('Fn::ImportValue'));
    expect(moderationQueues).toHaveLength(sendsTo.length);
    for (const queue of queueNames) {
      const granted = moderationQueues.some((resource) => refersTo(resource, queues[queue].logicalId, 'Arn'));
      expect(granted, `${name} -> ${queue}`).toBe(sendsTo.includes(queue));
      expect(variables[queues[queue].envVar] !== undefined, queues[queue].envVar).toBe(sendsTo.includes(queue));
      if (sendsTo.includes(queue)) expect(refersTo(variables[queues[queue].envVar], queues[queue].logicalId, 'Ref')).toBe(true);
    }
    for (const resource of resources) expect(JSON.stringify(resource)).not.toContain('*');
  });

  it.each(functionNames.filter((name) => definitionOf(name).sendsTo?.length || definitionOf(name).consumes))(
    '%s may use the queue key (the storage key) as SSE-KMS needs it, on that key and through SQS only',
    (name) => {
      // Act
      const viaSqs = statementsOf(name).filter((statement) =>
        JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService'] ?? '').includes('"sqs.'),
      );
      const actions = viaSqs.flatMap((statement) => asArray(statement.Action) as string[]);

      // Assess: a producer asks KMS for a data key and reuses it; a consumer (the poller, as the role) decrypts.
      expect(actions).toContain('kms:Decrypt');
      if (definitionOf(name).sendsTo?.length) expect(actions).toContain('kms:GenerateDataKey');
      for (const statement of viaSqs) {
        expect(asArray(statement.Resource)).toHaveLength(1);
        expect(refersTo(statement.Resource, storageKeyLogicalId, 'Arn')).toBe(true);
      }
    },
  );
});
