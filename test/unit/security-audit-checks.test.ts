import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ScanCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { auditChecks } from '#shared/security/audit/checks.ts';
import type { Kms } from '#shared/security/audit/key-checks.ts';
import {
  auditExpectationsOf,
  readAuditExpectations,
  runAudit,
  type AuditClients,
  type AuditDeps,
  type AuditExpectations,
} from '#shared/security/audit/run-audit.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { readersOver } from './support/audit-world.ts';

const STORAGE_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/storage-0001';
const DATA_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/data-0001';
const PSEUDONYM_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/pseudonym-0001';
const REPORTS_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/reports';

const expected: AuditExpectations = {
  tables: { complaints: '', idempotency: 'expiration' },
  queues: { reports: { maxReceiveCount: 5, consumerTimeoutSeconds: 30 } },
};
const targets = {
  tables: { complaints: 'Stateful-Complaints-1A2B', idempotency: 'Stateful-Idempotency-3C4D' },
  queues: { reports: REPORTS_URL },
  keys: { data: DATA_KEY, pseudonym: PSEUDONYM_KEY, storage: STORAGE_KEY },
};

const sdkError = (name: string) => Object.assign(new Error(`${name}: arn:aws:dynamodb:eu-west-1:111122223333:table/x`), { name });

type CommandClass = new (...args: any[]) => { input: any };
type Answer = (input: any) => unknown;

/** A client whose `send` answers only the command types it is given, and records every command it saw. */
const fakeClient = (answers: [CommandClass, Answer][], seen: string[]) => ({
  send: async (command: object) => {
    seen.push(command.constructor.name);
    const match = answers.find(([type]) => command instanceof type);
    if (!match) throw new Error(`unexpected command ${command.constructor.name}`);
    const answer = match[1]((command as { input: unknown }).input);
    if (answer instanceof Error) throw answer;
    return answer;
  },
});

const goodTable = (name: string): TableDescription => ({
  TableName: name,
  SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: STORAGE_KEY },
  DeletionProtectionEnabled: true,
});
const keyMetadata: Record<string, KeyMetadata> = {
  [DATA_KEY]: { KeyId: 'data-0001', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' },
  [STORAGE_KEY]: { KeyId: 'storage-0001', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' },
  [PSEUDONYM_KEY]: { KeyId: 'pseudonym-0001', KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'AWS_KMS' },
};
const rootOnlyPolicy = JSON.stringify({
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
});
const sslOnlyPolicy = JSON.stringify({
  Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});
const goodQueue = {
  KmsMasterKeyId: STORAGE_KEY,
  Policy: sslOnlyPolicy,
  RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111122223333:reports-dlq', maxReceiveCount: 5 }),
  VisibilityTimeout: '180',
};
const ciphertext = Uint8Array.from([0x02, 0x04, 0x78, 0x00, 0x11, 0x22]);

interface World {
  tables?: (name: string) => TableDescription | Error;
  backups?: (name: string) => unknown;
  ttl?: (name: string) => unknown;
  items?: (name: string) => Record<string, AttributeValue>[] | Error;
  /** Scans answer as DynamoDB does for a table bigger than a page: with a LastEvaluatedKey, and per segment. */
  paged?: boolean;
  queue?: () => Record<string, string> | Error;
  keys?: Record<string, KeyMetadata>;
  rotation?: (keyId: string) => boolean;
  policy?: (keyId: string) => string;
}

/** The SDK boundary of a deployed stack where everything is as the manifest says, unless `world` says otherwise. */
/** The keys as KMS describes them, unless `world` says otherwise: the keys and findings reader's client. */
const kmsFor = (world: World, seen: string[]): Kms =>
  fakeClient(
    [
      [DescribeKeyCommand, ({ KeyId }) => ({ KeyMetadata: (world.keys ?? keyMetadata)[KeyId] })],
      [GetKeyRotationStatusCommand, ({ KeyId }) => ({ KeyRotationEnabled: world.rotation?.(KeyId) ?? true })],
      [GetKeyPolicyCommand, ({ KeyId }) => ({ Policy: world.policy?.(KeyId) ?? rootOnlyPolicy })],
    ],
    seen,
  ) as unknown as Kms;

const clientsFor = (world: World, seen: string[]): AuditClients => ({
  dynamodb: fakeClient(
    [
      [
        DescribeTableCommand,
        ({ TableName }) => {
          const table = world.tables?.(TableName) ?? goodTable(TableName);
          return table instanceof Error ? table : { Table: table };
        },
      ],
      [
        DescribeContinuousBackupsCommand,
        ({ TableName }) =>
          world.backups?.(TableName) ?? {
            ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } },
          },
      ],
      [
        DescribeTimeToLiveCommand,
        ({ TableName }) =>
          world.ttl?.(TableName) ??
          (TableName === targets.tables.idempotency
            ? { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' } }
            : { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } }),
      ],
      [
        ScanCommand,
        ({ TableName, Limit, Segment, TotalSegments }) => {
          const items = world.items?.(TableName) ?? [{ pk: { S: 'COMPLAINT#cmp_01JEG3Z9XK' }, personal: { B: ciphertext } }];
          if (items instanceof Error) return items;
          if (!world.paged) return { Items: items.slice(0, Limit) };
          // Segment s of n holds the s-th n-th of the items.
          const from = Segment === undefined ? 0 : Math.floor((items.length * Segment) / TotalSegments);
          const page = items.slice(from, from + Limit);
          return { Items: page, ...(from + Limit < items.length && { LastEvaluatedKey: page.at(-1)!.pk }) };
        },
      ],
    ],
    seen,
  ) as unknown as AuditClients['dynamodb'],
  sqs: fakeClient([[GetQueueAttributesCommand, () => ({ Attributes: world.queue?.() ?? goodQueue })]], seen) as unknown as AuditClients['sqs'],
});

const audit = async (world: World = {}, deps: Partial<AuditDeps> = {}) => {
  const seen: string[] = [];
  const results = await runAudit({
    environment: 'aws',
    stage: 'prod',
    targets,
    expected,
    clients: clientsFor(world, seen),
    // Functions, roles, the API, schedules, rules and Security Hub as the manifest says (support/audit-world.ts).
    readers: readersOver({}, seen, { kms: kmsFor(world, seen) }),
    now: new Date('2026-12-06T06:40:00.000Z'),
    ...deps,
  });
  return { results, seen };
};

const resultFor = (results: CheckResult[], checkId: string, resource: string): CheckResult => {
  const matches = results.filter((result) => result.checkId === checkId && result.resource === resource);
  expect(matches).toHaveLength(1);
  return matches[0] as CheckResult;
};


describe('the audit against a stack that matches its manifest', () => {
  it('returns one result per check and resource, all passed but for what cannot apply', async () => {
    const { results, seen } = await audit();

    const pairs = results.map((result) => `${result.checkId} ${result.resource}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const tableChecks = [auditChecks.tableEncryption, auditChecks.tablePointInTimeRecovery, auditChecks.tableDeletionProtection, auditChecks.tableTimeToLive, auditChecks.personalDataInClear];
    for (const table of ['complaints', 'idempotency']) {
      for (const check of tableChecks) expect(resultFor(results, check.id, `table:${table}`).outcome).toBe('passed');
    }
    for (const check of [auditChecks.queueEncryption, auditChecks.queueSslOnly, auditChecks.queueDeadLetter, auditChecks.queueVisibilityTimeout]) {
      expect(resultFor(results, check.id, 'queue:reports').outcome).toBe('passed');
    }
    for (const key of ['data', 'storage']) expect(resultFor(results, auditChecks.keyRotation.id, `key:${key}`).outcome).toBe('passed');
    for (const key of ['data', 'storage', 'pseudonym']) expect(resultFor(results, auditChecks.keyPolicyPrincipals.id, `key:${key}`).outcome).toBe('passed');
    expect(resultFor(results, auditChecks.keyRotation.id, 'key:pseudonym')).toMatchObject({
      outcome: 'not-applicable',
      detail: expect.stringContaining('cannot rotate a HMAC_256 key'),
    });
    // Every check the audit defines has a result: none is left out.
    for (const check of Object.values(auditChecks)) expect(results.some((result) => result.checkId === check.id), check.id).toBe(true);
    expect(results.filter((result) => result.outcome === 'failed')).toEqual([]);
    expect(seen.every((command) => /^(Describe|Get|List|Scan)/.test(command))).toBe(true);
  });

  it('reads the expectations from the environment when none are given', async () => {
    const previous = process.env.AUDIT_EXPECTATIONS;
    process.env.AUDIT_EXPECTATIONS = JSON.stringify(expected);
    try {
      const { results } = await audit({}, { expected: undefined });
      expect(resultFor(results, auditChecks.tableTimeToLive.id, 'table:idempotency').outcome).toBe('passed');
    } finally {
      if (previous === undefined) delete process.env.AUDIT_EXPECTATIONS;
      else process.env.AUDIT_EXPECTATIONS = previous;
    }
  });
});

describe('the expectations', () => {
  it('are composed from the manifest: time-to-live attributes, redrive and the consumer timeout', () => {
    const table = { logicalId: 'T', localName: 't', envVar: 'T', partitionKey: { name: 'id', type: 'S' as const }, globalIndexes: [], accessPatterns: [] };
    const queue = { logicalId: 'Q', localName: 'q', envVar: 'Q', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, retentionDays: 4, purpose: 'p' };
    const fn = { logicalId: 'F', entry: 'functions/f/handler.ts', description: 'f', memorySize: 256, timeoutSeconds: 30, tables: {}, usesDataKey: false };
    expect(
      auditExpectationsOf({
        tables: { plain: table, expiring: { ...table, timeToLiveAttribute: 'expiresAt' } },
        queues: { consumed: queue, idle: queue },
        functions: { worker: { ...fn, consumes: { queue: 'consumed', batchSize: 10, maxBatchingWindowSeconds: 1 } }, api: fn },
      }),
    ).toEqual({
      tables: { plain: '', expiring: 'expiresAt' },
      queues: { consumed: { maxReceiveCount: 5, consumerTimeoutSeconds: 30 }, idle: { maxReceiveCount: 5 } },
    });
  });

  it('are read from the environment, and refused when missing or malformed', () => {
    expect(readAuditExpectations({ AUDIT_EXPECTATIONS: JSON.stringify(expected) })).toEqual(expected);
    expect(() => readAuditExpectations({})).toThrow(ConfigError);
    expect(() => readAuditExpectations({ AUDIT_EXPECTATIONS: '{' })).toThrow(ConfigError);
    expect(() => readAuditExpectations({ AUDIT_EXPECTATIONS: '{"tables":[]}' })).toThrow(ConfigError);
  });
});

describe('table checks', () => {
  it.each([
    ['an AWS owned key', { SSEDescription: undefined }, 'AWS owned key'],
    ['another KMS key', { SSEDescription: { Status: 'ENABLED' as const, SSEType: 'KMS' as const, KMSMasterKeyArn: DATA_KEY } }, 'other than the storage key'],
  ])('fail encryption with %s', async (_, description, detail) => {
    const { results } = await audit({ tables: (name) => ({ ...goodTable(name), ...description }) });
    expect(resultFor(results, auditChecks.tableEncryption.id, 'table:complaints')).toMatchObject({ outcome: 'failed', severity: 'high', ownerTeam: 'platform', detail: expect.stringContaining(detail) });
  });

  it('fail encryption when the storage key is not among the targets, rather than guessing', async () => {
    const { results } = await audit({}, { targets: { ...targets, keys: { data: DATA_KEY } } });
    expect(resultFor(results, auditChecks.tableEncryption.id, 'table:complaints')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('storage key is not among the audit targets') });
  });

  it('fail point-in-time recovery when it is off', async () => {
    const { results } = await audit({ backups: () => ({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } } }) });
    expect(resultFor(results, auditChecks.tablePointInTimeRecovery.id, 'table:idempotency').outcome).toBe('failed');
  });

  it('fail deletion protection in prod, and say not applicable on another stage', async () => {
    const off = (name: string) => ({ ...goodTable(name), DeletionProtectionEnabled: false });
    const prod = await audit({ tables: off });
    const dev = await audit({ tables: off }, { stage: 'dev' });
    expect(resultFor(prod.results, auditChecks.tableDeletionProtection.id, 'table:complaints').outcome).toBe('failed');
    expect(resultFor(dev.results, auditChecks.tableDeletionProtection.id, 'table:complaints')).toMatchObject({ outcome: 'not-applicable', detail: 'not applicable on stage dev: required in prod only' });
    expect(resultFor(dev.results, auditChecks.tableEncryption.id, 'table:complaints').outcome).toBe('passed');
  });

  it.each([
    ['off where the manifest names an attribute', 'idempotency', { TimeToLiveStatus: 'DISABLED' }, 'time to live is off; the manifest names attribute expiration'],
    ['on another attribute', 'idempotency', { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }, 'on attribute ttl; the manifest names expiration'],
    ['on where the manifest names none', 'complaints', { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' }, 'where the manifest names none'],
  ])('fail time to live %s', async (_, table, description, detail) => {
    const { results } = await audit({ ttl: () => ({ TimeToLiveDescription: description }) });
    expect(resultFor(results, auditChecks.tableTimeToLive.id, `table:${table}`)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining(detail) });
  });

  it('fail every check of a table that cannot be read, naming the error and not its message', async () => {
    const gone = sdkError('ResourceNotFoundException');
    const { results } = await audit({ tables: () => gone, backups: () => gone, ttl: () => gone, items: () => gone });
    const forTable = results.filter((result) => result.resource === 'table:complaints');
    expect(forTable).toHaveLength(5);
    for (const result of forTable) {
      expect(result.outcome).toBe('failed');
      expect(result.detail).toMatch(/could not be read: ResourceNotFoundException$/);
      expect(result.detail).not.toContain('arn:');
    }
  });

  it('fail a table of the manifest that is not among the targets, and one the manifest does not name', async () => {
    const { results } = await audit({}, { targets: { ...targets, tables: { complaints: targets.tables.complaints, stray: 'Stray-1' } } });
    for (const check of [auditChecks.tableEncryption, auditChecks.tablePointInTimeRecovery, auditChecks.tableTimeToLive, auditChecks.personalDataInClear]) {
      expect(resultFor(results, check.id, 'table:idempotency')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('not among the audit targets') });
    }
    expect(resultFor(results, auditChecks.tableTimeToLive.id, 'table:stray')).toMatchObject({ outcome: 'failed', detail: 'no manifest names this table' });
  });
});

describe('key checks', () => {
  it('fail a symmetric key without rotation', async () => {
    const { results } = await audit({ rotation: (keyId) => keyId !== DATA_KEY });
    expect(resultFor(results, auditChecks.keyRotation.id, 'key:data')).toMatchObject({ outcome: 'failed', ownerTeam: 'security' });
    expect(resultFor(results, auditChecks.keyRotation.id, 'key:storage').outcome).toBe('passed');
  });

  it.each([
    ['a bare wildcard', { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt' }],
    ['an AWS wildcard', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*' }],
    ['a wildcard in a list', { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'kms:*' }],
    ['a wildcard with an empty condition', { Effect: 'Allow', Principal: '*', Action: 'kms:*', Condition: {} }],
  ])('fail a policy that allows %s without a condition', async (_, statement) => {
    const { results } = await audit({ policy: () => JSON.stringify({ Statement: [JSON.parse(rootOnlyPolicy).Statement[0], statement] }) });
    expect(resultFor(results, auditChecks.keyPolicyPrincipals.id, 'key:data')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('#2') });
  });

  it('pass a wildcard principal held by a condition, and a wildcard denial', async () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } },
        { Effect: 'Deny', Principal: '*', Action: 'kms:*' },
      ],
    });
    const { results } = await audit({ policy: () => policy });
    expect(resultFor(results, auditChecks.keyPolicyPrincipals.id, 'key:data').outcome).toBe('passed');
  });

  it('fail both checks of a key that cannot be described or read', async () => {
    const { results } = await audit({ keys: {}, policy: () => 'not json' });
    expect(resultFor(results, auditChecks.keyRotation.id, 'key:data')).toMatchObject({ outcome: 'failed', detail: 'the key has no metadata' });
    expect(resultFor(results, auditChecks.keyPolicyPrincipals.id, 'key:data')).toMatchObject({ outcome: 'failed', detail: 'the key policy is not valid JSON' });
  });
});

describe('queue checks', () => {
  it.each([
    ['no KMS key', auditChecks.queueEncryption, { ...goodQueue, KmsMasterKeyId: '', SqsManagedSseEnabled: 'true' }, 'SQS-managed encryption only'],
    ['another KMS key', auditChecks.queueEncryption, { ...goodQueue, KmsMasterKeyId: 'alias/aws/sqs' }, 'other than the storage key'],
    ['no policy', auditChecks.queueSslOnly, { ...goodQueue, Policy: '' }, 'no policy'],
    [
      'a policy that denies TLS only for some actions',
      auditChecks.queueSslOnly,
      { ...goodQueue, Policy: sslOnlyPolicy.replace('"sqs:*"', '"sqs:SendMessage"') },
      'no policy statement denies requests without TLS',
    ],
    ['no dead-letter queue', auditChecks.queueDeadLetter, { ...goodQueue, RedrivePolicy: '' }, 'no dead-letter queue'],
    [
      'another receive count',
      auditChecks.queueDeadLetter,
      { ...goodQueue, RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:1:dlq', maxReceiveCount: 2 }) },
      'after 2 receives; the manifest says 5',
    ],
    ['a short visibility timeout', auditChecks.queueVisibilityTimeout, { ...goodQueue, VisibilityTimeout: '179' }, "under 6 x the consumer's 30 s (180 s)"],
  ])('fail a queue with %s', async (_, check, attributes, detail) => {
    const { results } = await audit({ queue: () => attributes });
    expect(resultFor(results, check.id, 'queue:reports')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining(detail) });
  });

  it('pass encryption when SQS names the storage key by its id', async () => {
    const { results } = await audit({ queue: () => ({ ...goodQueue, KmsMasterKeyId: 'storage-0001' }) });
    expect(resultFor(results, auditChecks.queueEncryption.id, 'queue:reports').outcome).toBe('passed');
  });

  it('say not applicable for the visibility timeout of a queue no function consumes', async () => {
    const { results } = await audit({}, { expected: { ...expected, queues: { reports: { maxReceiveCount: 5 } } } });
    expect(resultFor(results, auditChecks.queueVisibilityTimeout.id, 'queue:reports').outcome).toBe('not-applicable');
  });

  it('fail every check of a queue that cannot be read, or that is not among the targets', async () => {
    const unreadable = await audit({ queue: () => sdkError('QueueDoesNotExist') });
    const missing = await audit({}, { targets: { ...targets, queues: {} } });
    for (const { results } of [unreadable, missing]) {
      const forQueue = results.filter((result) => result.resource === 'queue:reports');
      expect(forQueue).toHaveLength(4);
      expect(forQueue.every((result) => result.outcome === 'failed')).toBe(true);
    }
  });
});

describe('the data check', () => {
  it('finds personal data in clear at any depth, naming table, path and kind but never the value or the key', async () => {
    const items: Record<string, AttributeValue>[] = [
      { pk: { S: 'ada@example.com' }, sk: { S: 'PROFILE' }, personal: { B: ciphertext } },
      {
        pk: { S: 'COMPLAINT#cmp_1' },
        contact: { M: { channels: { L: [{ S: 'x' }, { M: { phone: { S: '+44 20 7946 0018' } } }] } } },
        payment: { SS: ['4111 1111 1111 1111'] },
        byAddress: { M: { 'li.wei@example.cn': { N: '1' } } },
      },
    ];
    const { results } = await audit({ items: (name) => (name === targets.tables.complaints ? items : []) });
    const result = resultFor(results, auditChecks.personalDataInClear.id, 'table:complaints');
    expect(result).toMatchObject({ outcome: 'failed', severity: 'critical', ownerTeam: 'data-protection' });
    expect(result.detail).toContain('table complaints: 2 of 2 sampled items');
    expect(result.detail).toContain('e-mail address at pk');
    expect(result.detail).toContain('phone number at contact.channels[].phone');
    expect(result.detail).toContain('payment card number at payment[]');
    expect(result.detail).toContain('e-mail address at byAddress.{personal data in a map key}');
    for (const secret of ['ada@', 'li.wei', '7946', '4111', 'cmp_1', 'PROFILE']) expect(result.detail).not.toContain(secret);
    expect(resultFor(results, auditChecks.personalDataInClear.id, 'table:idempotency').outcome).toBe('passed');
  });

  it('finds personal data in an idempotency record, inside the stored response', async () => {
    const record = { id: { S: 'fileComplaint#9f86d081884c7d65' }, data: { S: JSON.stringify({ statusCode: 201, body: '{"email":"ada@example.com"}' }) }, expiration: { N: '1796538994' } };
    const { results } = await audit({ items: (name) => (name === targets.tables.idempotency ? [record] : []) });
    expect(resultFor(results, auditChecks.personalDataInClear.id, 'table:idempotency')).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('e-mail address at data') });
  });

  it('passes ciphertext, opaque binaries, ids, times and hashes, and samples at most sampleSize items', async () => {
    const item = {
      pk: { S: 'CASE#01JEG3Z9XKQ7M2A6B8C0D4E5F6' },
      sk: { S: '2026-12-06T06:40:00.000Z' },
      personal: { B: ciphertext },
      digest: { B: Buffer.from('ada@example.com') },
      hash: { S: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      createdAtMs: { N: '1796538994123' },
    };
    const scanned: number[] = [];
    const { results } = await audit({ items: () => Array.from({ length: 80 }, () => item) }, { sampleSize: 7 });
    scanned.push(...results.filter((result) => result.checkId === auditChecks.personalDataInClear.id).map((result) => Number(result.detail.split(' ')[0])));
    expect(scanned).toEqual([7, 7]);
    expect(resultFor(results, auditChecks.personalDataInClear.id, 'table:complaints')).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('7 Encryption SDK ciphertexts') });
  });
});

describe('the data sample of a table bigger than one page', () => {
  it('adds items from a few random segments, so that the sample is not taken from one end of the table', async () => {
    // 160 items; only the last quarter holds an address in clear: a first page of 10 never sees it.
    const items = Array.from({ length: 160 }, (_, i) => ({ pk: { S: `ITEM#${i}` }, ...(i >= 120 && { contact: { S: `person${i}@example.com` } }) }));
    const seen: string[] = [];
    let failed = 0;
    for (let run = 0; run < 20; run += 1) {
      const { results } = await audit({ paged: true, items: (name) => (name === targets.tables.complaints ? items : []) }, { sampleSize: 10 });
      const result = resultFor(results, auditChecks.personalDataInClear.id, 'table:complaints');
      if (result.outcome === 'failed') failed += 1;
      else seen.push(result.detail);
    }
    // Each sample: the first page (10) and 3 segments of 4 items each.
    for (const detail of seen) expect(detail).toMatch(/^22 items sampled/);
    // 3 of 16 segments, 4 of them in the last quarter: a sample misses them all with probability (12/16 * 11/15 * 10/14) ≈ 0.39,
    // so 20 samples all missing is ≈ 7e-9.
    expect(failed).toBeGreaterThan(0);
  });
});

describe('the audit run locally', () => {
  it('says "not applicable locally" with the reason for every check without a local counterpart, and runs the rest', async () => {
    const localTargets = { ...targets, keys: { data: 'file:/tmp/data.key', pseudonym: 'file:/tmp/pseudonym.key' } };
    const { results, seen } = await audit({}, { environment: 'local', stage: 'local', targets: localTargets });
    const localOnly = results.filter((result) => result.outcome === 'not-applicable');
    expect(localOnly.every((result) => result.detail.startsWith('not applicable locally: '))).toBe(true);
    // Every check the audit defines is reported locally, passed, failed or not applicable: none is left out.
    for (const check of Object.values(auditChecks)) expect(results.some((result) => result.checkId === check.id), check.id).toBe(true);
    expect(resultFor(results, auditChecks.securityHubFindings.id, 'stack:security-hub').detail).toBe('not applicable locally: no Security Hub emulator here');
    expect(resultFor(results, auditChecks.tablePointInTimeRecovery.id, 'table:complaints').detail).toBe('not applicable locally: DynamoDB Local does not support DescribeContinuousBackups');
    expect(resultFor(results, auditChecks.keyRotation.id, 'key:data').detail).toBe('not applicable locally: the local keys are files, with no KMS counterpart');
    for (const check of [auditChecks.tableTimeToLive, auditChecks.personalDataInClear]) expect(resultFor(results, check.id, 'table:idempotency').outcome).toBe('passed');
    for (const check of [auditChecks.queueDeadLetter, auditChecks.queueVisibilityTimeout]) expect(resultFor(results, check.id, 'queue:reports').outcome).toBe('passed');
    expect(seen).not.toContain('DescribeContinuousBackupsCommand');
    expect(seen.some((command) => command.startsWith('DescribeKey') || command.startsWith('GetKey'))).toBe(false);
  });
});
