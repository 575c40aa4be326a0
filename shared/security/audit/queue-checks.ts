import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AuditClients } from '#shared/security/audit/clients.ts';
import { auditChecks, notApplicableLocally, resultOf, runsIn, unreadable, type CheckDefinition } from '#shared/security/audit/checks.ts';
import type { AuditExpectations } from '#shared/security/audit/expected.ts';
import type { AuditEnvironment, CheckResult } from '#shared/security/domain/audit.ts';

/** One queue as the audit sees it: its manifest name, its URL (when targeted) and what the manifest says. */
export interface AuditedQueue {
  name: string;
  queueUrl: string | undefined;
  expected: AuditExpectations['queues'][string] | undefined;
}

interface QueueContext {
  environment: AuditEnvironment;
  storageKeyArn: string | undefined;
  sqs: AuditClients['sqs'];
}

const { queueEncryption, queueSslOnly, queueDeadLetter, queueVisibilityTimeout } = auditChecks;
const queueChecks: readonly CheckDefinition[] = [queueEncryption, queueSslOnly, queueDeadLetter, queueVisibilityTimeout];

/** SQS may name the key by ARN, by id, or by alias: the ARN and the id count as the storage key. */
const isStorageKey = (keyId: string, storageKeyArn: string): boolean =>
  keyId === storageKeyArn || storageKeyArn.endsWith(`:key/${keyId}`);

const encryption = (resource: string, attributes: Record<string, string>, storageKeyArn: string | undefined): CheckResult => {
  const keyId = attributes.KmsMasterKeyId;
  if (!keyId) {
    const managed = attributes.SqsManagedSseEnabled === 'true' ? ' (SQS-managed encryption only)' : '';
    return resultOf(queueEncryption, resource, 'failed', `the queue is not encrypted with a KMS key${managed}`);
  }
  if (storageKeyArn === undefined) {
    return resultOf(queueEncryption, resource, 'failed', 'the storage key is not among the audit targets: its key cannot be compared');
  }
  return isStorageKey(keyId, storageKeyArn)
    ? resultOf(queueEncryption, resource, 'passed', 'encrypted with the storage key')
    : resultOf(queueEncryption, resource, 'failed', 'encrypted with a KMS key other than the storage key');
};

interface PolicyStatement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A statement that denies every SQS action to everyone when the request is not over TLS. */
const deniesInsecureTransport = (statement: PolicyStatement): boolean => {
  const everyone = statement.Principal === '*' || asList((statement.Principal as { AWS?: string | string[] } | undefined)?.AWS).includes('*');
  const allActions = asList(statement.Action).some((action) => action === 'sqs:*' || action === '*');
  const insecure = asList(statement.Condition?.Bool?.['aws:SecureTransport'] as string | string[] | undefined).some((value) => String(value) === 'false');
  return statement.Effect === 'Deny' && everyone && allActions && insecure;
};

const sslOnly = (resource: string, attributes: Record<string, string>): CheckResult => {
  if (!attributes.Policy) return resultOf(queueSslOnly, resource, 'failed', 'the queue has no policy');
  let statements: PolicyStatement[];
  try {
    statements = asList((JSON.parse(attributes.Policy) as { Statement?: PolicyStatement | PolicyStatement[] }).Statement);
  } catch {
    return resultOf(queueSslOnly, resource, 'failed', 'the queue policy is not valid JSON');
  }
  return statements.some(deniesInsecureTransport)
    ? resultOf(queueSslOnly, resource, 'passed', 'the policy denies every request without TLS')
    : resultOf(queueSslOnly, resource, 'failed', 'no policy statement denies requests without TLS (aws:SecureTransport false)');
};

const deadLetter = (resource: string, attributes: Record<string, string>, expected: AuditedQueue['expected']): CheckResult => {
  let redrive: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } = {};
  try {
    redrive = attributes.RedrivePolicy ? (JSON.parse(attributes.RedrivePolicy) as typeof redrive) : {};
  } catch {
    return resultOf(queueDeadLetter, resource, 'failed', 'the redrive policy is not valid JSON');
  }
  if (typeof redrive.deadLetterTargetArn !== 'string' || redrive.deadLetterTargetArn === '') {
    return resultOf(queueDeadLetter, resource, 'failed', 'the queue has no dead-letter queue');
  }
  const received = Number(redrive.maxReceiveCount);
  if (expected !== undefined && received !== expected.maxReceiveCount) {
    const detail = `messages move to the dead-letter queue after ${received} receives; the manifest says ${expected.maxReceiveCount}`;
    return resultOf(queueDeadLetter, resource, 'failed', detail);
  }
  return resultOf(queueDeadLetter, resource, 'passed', `a dead-letter queue after ${received} receives`);
};

const visibilityTimeout = (resource: string, attributes: Record<string, string>, expected: AuditedQueue['expected']): CheckResult => {
  if (expected === undefined) return resultOf(queueVisibilityTimeout, resource, 'failed', 'no manifest names this queue');
  if (expected.consumerTimeoutSeconds === undefined) {
    return resultOf(queueVisibilityTimeout, resource, 'not-applicable', 'no function of the manifest consumes this queue');
  }
  const visibility = Number(attributes.VisibilityTimeout);
  const consumer = expected.consumerTimeoutSeconds;
  const minimum = 6 * consumer;
  const seen = Number.isNaN(visibility) ? 'unknown' : `${visibility} s`;
  return visibility >= minimum
    ? resultOf(queueVisibilityTimeout, resource, 'passed', `visibility timeout ${seen}, at least 6 x the consumer's ${consumer} s`)
    : resultOf(queueVisibilityTimeout, resource, 'failed', `visibility timeout ${seen}, under 6 x the consumer's ${consumer} s (${minimum} s)`);
};

/** Every queue check on one queue, from one GetQueueAttributes call: one result per check, whatever happens. */
export const checkQueue = async (queue: AuditedQueue, context: QueueContext): Promise<CheckResult[]> => {
  const resource = `queue:${queue.name}`;
  const running = queueChecks.filter((check) => runsIn(check, context.environment));
  const local = queueChecks.filter((check) => !runsIn(check, context.environment)).map((check) => notApplicableLocally(check, resource));
  if (queue.queueUrl === undefined) {
    return [...running.map((check) => resultOf(check, resource, 'failed', 'the queue is in the manifest but not among the audit targets')), ...local];
  }
  let attributes: Record<string, string>;
  try {
    ({ Attributes: attributes = {} } = await context.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl, AttributeNames: ['All'] })));
  } catch (error) {
    return [...running.map((check) => unreadable(check, resource, 'the queue attributes', error)), ...local];
  }
  const evaluations: Record<string, () => CheckResult> = {
    [queueEncryption.id]: () => encryption(resource, attributes, context.storageKeyArn),
    [queueSslOnly.id]: () => sslOnly(resource, attributes),
    [queueDeadLetter.id]: () => deadLetter(resource, attributes, queue.expected),
    [queueVisibilityTimeout.id]: () => visibilityTimeout(resource, attributes, queue.expected),
  };
  return [...running.map((check) => evaluations[check.id]?.() ?? resultOf(check, resource, 'failed', 'no evaluation for this check')), ...local];
};
