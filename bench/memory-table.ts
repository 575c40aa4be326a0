import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Just enough of a DynamoDB document client for the complaint repository's create and get,
 * held in memory: the data-key benchmark runs the real service and repository without a
 * database (whose latency would only blur the crypto figures).
 */
export const memoryDocumentClient = () => {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (key: Record<string, unknown>) => `${String(key.pk)}|${String(key.sk)}`;

  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof PutCommand) {
      const item = command.input.Item!;
      const key = keyOf(item);
      if (command.input.ConditionExpression === 'attribute_not_exists(pk)' && items.has(key)) {
        throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
      }
      items.set(key, item);
      return {};
    }
    if (command instanceof GetCommand) return { Item: items.get(keyOf(command.input.Key!)) };
    throw new Error(`memoryDocumentClient does not model ${(command as object).constructor.name}`);
  };

  return { client: { send } as unknown as DynamoDBDocumentClient, items };
};
