import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The platform's monthly active people, as an administrator reports them (one figure per month,
 * `YYYY-MM`; a new report of a month replaces the old). They are the denominator of the rates the
 * transparency report states (security incidents, complaints per million active people). Kept in
 * the figures table under their own partition, next to the counters; no personal data.
 */

const PARTITION = 'platform#active-people';

export interface ActivePeopleReport {
  month: string;
  activePeople: number;
  reportedAt: string;
  /** The administrator who reported it (token subject). */
  reportedBy: string;
}

const reportOf = (item: Record<string, unknown>): ActivePeopleReport => ({
  month: String(item.sk),
  activePeople: Number(item.activePeople),
  reportedAt: String(item.reportedAt),
  reportedBy: String(item.reportedBy),
});

/** Reads the reported figures: what the security figures and the transparency report use. */
export const activePeopleReader = (db: DynamoDBDocumentClient, tableName: string) => ({
  /** The figure of one month; undefined when it is not reported. */
  async activePeopleOf(month: string): Promise<ActivePeopleReport | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { pk: PARTITION, sk: month } }));
    return Item && reportOf(Item);
  },

  /** The reported months from `from` to `to` (inclusive, `YYYY-MM`), oldest first; months not reported are absent. */
  async activePeopleBetween(from: string, to: string): Promise<ActivePeopleReport[]> {
    const { Items } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': PARTITION, ':from': from, ':to': to },
      }),
    );
    return (Items ?? []).map(reportOf);
  },
});
export type ActivePeopleReader = ReturnType<typeof activePeopleReader>;

/** Reads and writes the reported figures: the platform's admin route. */
export const activePeopleFigures = (db: DynamoDBDocumentClient, tableName: string) => ({
  ...activePeopleReader(db, tableName),

  /** Records (or replaces) the figure of a month. */
  async report(report: ActivePeopleReport): Promise<void> {
    const { month, ...values } = report;
    await db.send(new PutCommand({ TableName: tableName, Item: { pk: PARTITION, sk: month, ...values } }));
  },
});
export type ActivePeopleFigures = ReturnType<typeof activePeopleFigures>;
