import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * Just enough of a DynamoDB document client for the complaint repository's create and get,
 * held in memory: the data-key benchmark runs the real service and repository without a
 * database (whose latency would only blur the crypto figures). Transactions apply their puts;
 * updates (figure counters, the outbox flag) are accepted and dropped, as nothing here reads
 * them; a query reads one partition by sort-key prefix (the outbox).
 */
export const memoryDocumentClient = () => {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (key: Record<string, unknown>) => `${String(key.pk)}|${String(key.sk)}`;

  const put = (input: { Item?: Record<string, unknown>; ConditionExpression?: string }) => {
    const item = input.Item!;
    const key = keyOf(item);
    if (input.ConditionExpression === 'attribute_not_exists(pk)' && items.has(key)) {
      throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    }
    items.set(key, item);
  };

  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof PutCommand) {
      put(command.input);
      return {};
    }
    if (command instanceof TransactWriteCommand) {
      for (const action of command.input.TransactItems ?? []) if (action.Put) put(action.Put);
      return {};
    }
    if (command instanceof GetCommand) return { Item: items.get(keyOf(command.input.Key!)) };
    if (command instanceof UpdateCommand) return {};
    if (command instanceof DeleteCommand) {
      items.delete(keyOf(command.input.Key!));
      return {};
    }
    if (command instanceof BatchWriteCommand) {
      for (const requests of Object.values(command.input.RequestItems ?? {})) {
        for (const request of requests) if (request.DeleteRequest) items.delete(keyOf(request.DeleteRequest.Key!));
      }
      return {};
    }
    if (command instanceof QueryCommand) {
      const values = command.input.ExpressionAttributeValues ?? {};
      const [pk, prefix] = Object.values(values) as [string, string];
      return { Items: [...items.values()].filter((item) => item.pk === pk && String(item.sk).startsWith(prefix)) };
    }
    throw new Error(`memoryDocumentClient does not model ${(command as object).constructor.name}`);
  };

  /** Stored complaints (not their history items). */
  const complaints = () => [...items.values()].filter((item) => item.entity === 'complaint');

  return { client: { send } as unknown as DynamoDBDocumentClient, items, complaints };
};
