import type { Table } from '#shared/aws/table.ts';
import type { DefinitionStore } from '#shared/surveys/use-cases/ports.ts';
import { definitionFrom, definitionItem } from '#shared/surveys/store/items.ts';
import { keys } from '#shared/surveys/store/keys.ts';

/** Survey definitions in the surveys table: one immutable item per version. */
export const createDefinitionStore = (table: Table): DefinitionStore => ({
  async latest(kind) {
    const { items } = await table.page({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.definitions(kind) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return items[0] ? definitionFrom(items[0]) : undefined;
  },

  async version(kind, version) {
    const item = await table.get(keys.definition(kind, version));
    return item ? definitionFrom(item) : undefined;
  },

  create: (definition) => table.put(definitionItem(definition), { ConditionExpression: 'attribute_not_exists(pk)' }),
});
