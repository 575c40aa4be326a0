import { createServer, type AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '#infra/local/aws.ts';
import { batchWrite, putRequest } from '#shared/aws/batch.ts';

/**
 * A document client of its own that asks every request for its consumed capacity and adds it
 * up. DynamoDB Local reports consumed capacity as DynamoDB would.
 */
export const meteredDocumentClient = (endpoint: string) => {
  const client = new DynamoDBClient({ endpoint, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS });
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const meter = { capacityUnits: 0, requests: 0 };
  document.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      meter.requests += 1;
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] })
        .ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) meter.capacityUnits += c.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'consumedCapacityMeter' },
  );
  return { document, meter };
};

/** A port nothing listens on now (DynamoDB Local cannot be asked for "any port"). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Loads many items fast: six writers of 25-item batches side by side (unprocessed items resent). */
export const seedItems = async (document: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[]) => {
  const writers = 6;
  const slices = Array.from({ length: writers }, (_, w) => items.filter((_, i) => Math.floor(i / 25) % writers === w));
  await Promise.all(slices.map((slice) => batchWrite(document, tableName, slice.map(putRequest))));
};
