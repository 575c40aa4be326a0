import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The tracer as each place sees it: in Lambda with active tracing every AWS SDK call of the
 * shared clients is a subsegment of the invocation; locally, in tests and wherever
 * POWERTOOLS_TRACE_ENABLED is `false` the clients are untouched. There is no X-Ray daemon here:
 * nothing may break for want of one. Each case loads the modules afresh in its environment, as a
 * function loads them once in Lambda.
 */
const savedEnv = { ...process.env };
const X_RAY_MIDDLEWARE = 'XRaySDKInstrumentation';

const inLambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_SERVICE_NAME: 'complaints', AWS_REGION: 'eu-west-1' };
const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const load = async (env: Record<string, string>) => {
  for (const name of ['AWS_EXECUTION_ENV', 'POWERTOOLS_TRACE_ENABLED', 'AWS_SAM_LOCAL']) delete process.env[name];
  Object.assign(process.env, { AWS_REGION: 'us-east-1', ...credentials }, env);
  vi.resetModules();
  return {
    tracer: await import('#shared/observability/tracer.ts'),
    dynamodb: await import('#shared/aws/dynamodb.ts'),
    sqs: await import('#shared/aws/sqs.ts'),
    keys: await import('#shared/crypto/keys-from-environment.ts'),
    xray: (await import('aws-xray-sdk-core')).default,
  };
};

/** Answers every call of a client without a network: the tracer's middleware runs around it. */
const answerLocally = (client: { middlewareStack: { add: (...args: never[]) => void } }) =>
  (client.middlewareStack.add as (middleware: unknown, options: unknown) => void)(
    () => async () => ({ output: { $metadata: { httpStatusCode: 200, requestId: 'request-1' } }, response: { statusCode: 200, headers: {} } }),
    { step: 'finalizeRequest', priority: 'low' },
  );

const middlewareNames = (client: { middlewareStack: { identify: () => string[] } }) => client.middlewareStack.identify().join('\n');

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

describe('the tracer', () => {
  it('is off outside Lambda (tests, the local stack): the clients are left as they are', async () => {
    // Act
    const { tracer, dynamodb, sqs } = await load({});
    const { client, document } = dynamodb.createDynamoClients();

    // Assess
    expect(tracer.tracer.isTracingEnabled()).toBe(false);
    expect(middlewareNames(client)).not.toContain(X_RAY_MIDDLEWARE);
    expect(middlewareNames(document)).not.toContain(X_RAY_MIDDLEWARE);
    expect(middlewareNames(sqs.createSqsClient())).not.toContain(X_RAY_MIDDLEWARE);
  });

  it('is off in Lambda when POWERTOOLS_TRACE_ENABLED is false', async () => {
    // Act
    const { tracer, dynamodb } = await load({ ...inLambda, POWERTOOLS_TRACE_ENABLED: 'false' });

    // Assess
    expect(tracer.tracer.isTracingEnabled()).toBe(false);
    expect(middlewareNames(dynamodb.createDynamoClients().client)).not.toContain(X_RAY_MIDDLEWARE);
  });

  it('is on in Lambda, on the DynamoDB client its document client shares and on SQS', async () => {
    // Act
    const { tracer, dynamodb, sqs } = await load(inLambda);
    const { client, document } = dynamodb.createDynamoClients();

    // Assess
    expect(tracer.tracer.isTracingEnabled()).toBe(true);
    expect(middlewareNames(client)).toContain(X_RAY_MIDDLEWARE);
    expect(middlewareNames(document)).toContain(X_RAY_MIDDLEWARE);
    expect(middlewareNames(sqs.createSqsClient())).toContain(X_RAY_MIDDLEWARE);
  });

  it('records a DynamoDB call as an AWS subsegment of the current segment, without a daemon', async () => {
    // Prepare
    const { dynamodb, xray } = await load(inLambda);
    const { document } = dynamodb.createDynamoClients();
    answerLocally(document);
    const segment = new xray.Segment('complaints');

    // Act
    await xray.getNamespace().runPromise(async () => {
      xray.setSegment(segment);
      await document.send(new GetCommand({ TableName: 'complaints', Key: { pk: 'COMPLAINT#1', sk: 'COMPLAINT' } }));
    });

    // Assess: the table and operation are recorded, not the key.
    const [subsegment] = segment.subsegments ?? [];
    expect(subsegment).toMatchObject({ name: 'DynamoDB', namespace: 'aws', aws: { operation: 'GetItem', table_name: 'complaints' } });
    expect(JSON.stringify(subsegment)).not.toContain('COMPLAINT#1');
  });

  it('lets a call through when there is no segment (no daemon, no trace header)', async () => {
    // Prepare
    const { dynamodb } = await load(inLambda);
    const { document } = dynamodb.createDynamoClients();
    answerLocally(document);

    // Act
    const result = await document.send(new GetCommand({ TableName: 'complaints', Key: { pk: 'COMPLAINT#1', sk: 'COMPLAINT' } }));

    // Assess
    expect(result.$metadata.requestId).toBe('request-1');
  });
});

const DATA_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000001';
const PSEUDONYM_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000002';

/** A stand-in for KMS's JSON API: a data key for GenerateDataKey, a MAC for GenerateMac. */
const fakeKms = async (): Promise<{ server: Server; endpoint: string; operations: string[] }> => {
  const operations: string[] = [];
  const server = createServer((request, response) => {
    const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
    operations.push(operation);
    request.resume();
    request.on('end', () => {
      const body =
        operation === 'GenerateDataKey'
          ? { KeyId: DATA_KEY_ARN, Plaintext: randomBytes(32).toString('base64'), CiphertextBlob: randomBytes(64).toString('base64') }
          : { KeyId: PSEUDONYM_KEY_ARN, MacAlgorithm: 'HMAC_SHA_256', Mac: randomBytes(32).toString('base64') };
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'kms-request' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, operations };
};

describe('the KMS calls', () => {
  let kms: Awaited<ReturnType<typeof fakeKms>>;
  beforeEach(async () => {
    kms = await fakeKms();
  });
  afterEach(() => {
    kms.server.close();
  });

  it("of the Encryption SDK's keyring and of pseudonyms are subsegments too", async () => {
    // Prepare
    const { keys, xray } = await load({
      ...inLambda,
      STAGE: 'dev',
      DATA_KEY_ARN,
      PSEUDONYM_KEY_ARN,
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
    });
    const cipher = keys.cipherFromEnvironment();
    const pseudonyms = keys.pseudonymsFromEnvironment();
    const segment = new xray.Segment('complaints');

    // Act
    await xray.getNamespace().runPromise(async () => {
      xray.setSegment(segment);
      await cipher.seal('complaint', 'cmp_1', { email: 'ada@example.com' });
      await pseudonyms.pseudonym('email', 'ada@example.com');
    });

    // Assess
    expect(kms.operations).toEqual(['GenerateDataKey', 'GenerateMac']);
    const subsegments = (segment.subsegments ?? []).map((s) => ({ name: s.name, operation: (s as { aws?: { operation?: string } }).aws?.operation }));
    expect(subsegments).toEqual([
      { name: 'KMS', operation: 'GenerateDataKey' },
      { name: 'KMS', operation: 'GenerateMac' },
    ]);
    expect(JSON.stringify(segment)).not.toContain('ada@example.com');
  });
});
