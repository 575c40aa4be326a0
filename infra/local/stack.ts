import { writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { commonEnv, functions, queues, routes, tables, type FunctionName, type Role } from '#infra/resources.ts';
import { ensureTables, JavaMissingError, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { startGateway } from '#infra/local/gateway.ts';
import { issueToken, verifyBearer } from '#infra/local/identity.ts';
import { ensureLocalDataKey, ensureLocalSigningKey, loadSigningKeys } from '#infra/local/keys.ts';
import { localPaths } from '#infra/local/paths.ts';
import { DEFAULT_REGION, startSqsEmulator } from '#infra/local/sqs.ts';

export interface LocalStackOptions {
  /** Each port may be 0: a free one is chosen (tests run several stacks side by side). */
  apiPort: number;
  dynamodbPort: number;
  sqsPort: number;
  /** Keep DynamoDB data on disk under `.local/` (npm start) or in memory (tests). */
  persist: boolean;
  /** The directory holding `.local/`; the repository root unless a test isolates itself. */
  root?: string;
  log?: (line: Record<string, unknown>) => void;
}

export interface LocalEndpoints {
  api: string;
  dynamodb: string;
  sqs: string;
}

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Binds `port` on loopback and lets it go: the port it got (a free one for 0), or PortInUseError. */
const probePort = (port: number, what: string) =>
  new Promise<number>((ok, fail) => {
    const probe = createServer();
    probe.once('error', () =>
      fail(new PortInUseError(`Port ${port} (${what}) is in use; stop whatever holds it or choose another port.`)),
    );
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as AddressInfo;
      probe.close(() => ok(bound));
    });
  });

const assertPortFree = async (port: number, what: string) => {
  if (port !== 0) await probePort(port, what);
};

/**
 * The environment the Lambda functions receive in AWS, pointed at the local emulators. The SDK
 * reads AWS_ENDPOINT_URL_<SERVICE> itself, so the handlers need no local branch.
 */
export const localEnvironment = (options: {
  dynamodb: string;
  sqs: string;
  queueUrls: Record<string, string>;
  dataKeyFile: string;
}): Record<string, string> => ({
  [commonEnv.stage]: 'local',
  [commonEnv.localKeyFile]: options.dataKeyFile,
  AWS_REGION: DEFAULT_REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: options.dynamodb,
  AWS_ENDPOINT_URL_SQS: options.sqs,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_METRICS_NAMESPACE: 'UserProtection',
  ...Object.fromEntries(Object.values(tables).map((t) => [t.envVar, t.localName])),
  ...Object.fromEntries(
    Object.values(queues).map((q) => [q.envVar, options.queueUrls[q.localName] ?? '']),
  ),
});

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * DynamoDB Local cannot be asked for "any port", so for port 0 a free one is picked; another
 * process may take it before Java binds it, hence a few attempts.
 */
const startDynamoDbLocalOn = async (port: number, dataDir: string | undefined) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const chosen = port || (await probePort(0, 'DynamoDB Local'));
      return await startDynamoDbLocal({ port: chosen, ...(dataDir && { dataDir }) });
    } catch (error) {
      if (port !== 0 || attempt >= 3 || error instanceof JavaMissingError) throw error;
    }
  }
};

export const startLocalStack = async (options: LocalStackOptions) => {
  // The functions run on Lambda's Node 22+; the SDK's notice about older local Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const paths = localPaths(options.root ?? REPOSITORY_ROOT);
  mkdirSync(paths.dir, { recursive: true });
  await assertPortFree(options.apiPort, 'API');
  await assertPortFree(options.dynamodbPort, 'DynamoDB Local');
  await assertPortFree(options.sqsPort, 'SQS emulator');

  ensureLocalDataKey(paths.dataKey);
  await ensureLocalSigningKey(paths.signingKey);
  const signingKeys = await loadSigningKeys(paths.signingKey);

  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const dynamodb = await startDynamoDbLocalOn(options.dynamodbPort, options.persist ? paths.dynamodb : undefined);
    stops.push(dynamodb.stop);
    await ensureTables(dynamodb.client, Object.values(tables));

    const sqs = await startSqsEmulator({ port: options.sqsPort, definitions: Object.values(queues) });
    stops.push(sqs.stop);

    const env = localEnvironment({
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      queueUrls: sqs.queueUrls,
      dataKeyFile: paths.dataKey,
    });
    Object.assign(process.env, env);

    const handlers = new Map<string, Promise<Handler>>();
    const loadHandler = (name: string) => {
      const definition = functions[name as FunctionName];
      if (!handlers.has(name)) {
        const url = pathToFileURL(resolve(REPOSITORY_ROOT, definition.entry)).href;
        handlers.set(name, import(url).then((module: { handler: Handler }) => module.handler));
      }
      return handlers.get(name)!;
    };

    const gateway = await startGateway({
      port: options.apiPort,
      routes,
      functions,
      loadHandler,
      authorize: (authorization) => verifyBearer(signingKeys, authorization),
      ...(options.log && { log: options.log }),
    });
    stops.push(gateway.stop);

    const endpoints: LocalEndpoints = { api: gateway.url, dynamodb: dynamodb.endpoint, sqs: sqs.endpoint };
    writeFileSync(paths.endpoints, `${JSON.stringify(endpoints, null, 2)}\n`);
    return {
      endpoints,
      env,
      paths,
      queueUrls: sqs.queueUrls,
      issueToken: (sub: string, role: Role) => issueToken(signingKeys, { sub, role }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export type LocalStack = Awaited<ReturnType<typeof startLocalStack>>;
