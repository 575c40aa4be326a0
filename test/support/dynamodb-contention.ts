import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * DynamoDB Local runs transactions one at a time, so it never refuses one for contention; DynamoDB
 * does: a transaction that touches an item another transaction is writing is cancelled with a
 * `TransactionConflict` reason on that item, and a single-item write to such an item fails with
 * `TransactionConflictException`. This wraps a document client so that DynamoDB Local answers the
 * same way: while one of its transactions is in flight, a write touching one of its items is
 * refused as DynamoDB would refuse it. Items are told apart by table, `pk` and `sk`.
 */

type Input = Record<string, unknown>;
type TransactItem = Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', Input | undefined>;

/** The items in flight in some transaction, by `<table>|<pk>|<sk>`, with how many transactions hold each. */
const inFlight = new Map<string, number>();

const itemId = (tableName: unknown, key: Input | undefined) => JSON.stringify([tableName, key?.pk, key?.sk]);

const transactionItemIds = (input: Input): string[] =>
  ((input.TransactItems ?? []) as TransactItem[]).map((item) => {
    const write = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck ?? {};
    return itemId(write.TableName, (write.Item ?? write.Key) as Input | undefined);
  });

const cancelled = (busy: boolean[]) =>
  Object.assign(new Error('Transaction cancelled: a transaction is in progress on an item'), {
    name: 'TransactionCanceledException',
    CancellationReasons: busy.map((held) => ({ Code: held ? 'TransactionConflict' : 'None' })),
  });

const hold = (ids: string[], change: 1 | -1) => {
  for (const id of ids) {
    const count = (inFlight.get(id) ?? 0) + change;
    if (count > 0) inFlight.set(id, count);
    else inFlight.delete(id);
  }
};

/** Counts the refusals this module made, for a test to show that contention happened. */
export const contention = { refusals: 0 };

export const withTransactionContention = (document: DynamoDBDocumentClient): DynamoDBDocumentClient => {
  const send = document.send.bind(document) as (command: unknown) => Promise<unknown>;
  const contended = async (command: { constructor: { name: string }; input: Input }) => {
    const kind = command.constructor.name;
    if (kind === 'TransactWriteCommand') {
      const ids = transactionItemIds(command.input);
      const busy = ids.map((id) => inFlight.has(id));
      if (busy.some(Boolean)) {
        contention.refusals += 1;
        throw cancelled(busy);
      }
      hold(ids, 1);
      try {
        return await send(command);
      } finally {
        hold(ids, -1);
      }
    }
    if (kind === 'PutCommand' || kind === 'UpdateCommand' || kind === 'DeleteCommand') {
      const id = itemId(command.input.TableName, (command.input.Item ?? command.input.Key) as Input);
      if (inFlight.has(id)) {
        contention.refusals += 1;
        throw Object.assign(new Error('A transaction is in progress on the item'), { name: 'TransactionConflictException' });
      }
    }
    return send(command);
  };
  return new Proxy(document, { get: (target, property, receiver) => (property === 'send' ? contended : Reflect.get(target, property, receiver)) });
};
