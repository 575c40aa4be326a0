import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';

/**
 * An environment whose privacy table is a fresh one of its own: the requests job works through
 * every due request of its table, so each test file keeps its requests apart from the others'.
 */
export const privacyTestEnvironment = async (): Promise<NodeJS.ProcessEnv> => {
  const name = `privacy-${randomUUID().slice(0, 8)}`;
  await createDynamoClients().client.send(new CreateTableCommand(createTableInput(tables.privacy, name)));
  return { ...process.env, [tables.privacy.envVar]: name };
};
