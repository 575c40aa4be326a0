import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable, type TransactItem } from '#shared/aws/table.ts';
import type { ReportDraft } from '#shared/transparency/domain/report-lifecycle.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';

/**
 * Keys of the quarterly reports on the transparency table. A quarter's draft and its versions
 * share the quarter's partition (`REPORT#2026-Q4`; versions numbered with six digits so that the
 * sort key orders them); one item per published quarter under `REPORTS` names its latest
 * version, for the public list. Nothing expires: every version is kept.
 */
const reportKeys = {
  draft: (quarter: string) => ({ pk: `REPORT#${quarter}`, sk: 'DRAFT' }),
  version: (quarter: string, version: number) => ({ pk: `REPORT#${quarter}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  versionPrefix: 'VERSION#',
  publishedPk: 'REPORTS',
  published: (quarter: string) => ({ pk: 'REPORTS', sk: `QUARTER#${quarter}` }),
};

/** A published quarter in the public list: its latest version, without the content, and when its first was published. */
export type PublishedQuarter = Pick<ReportVersion, 'quarter' | 'version' | 'publishedAt' | 'contentHash' | 'supersedes'> & { firstPublishedAt: string };

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity'] as const;
const entityOf = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  return entity as T;
};

const draftItem = (draft: ReportDraft) => ({ ...reportKeys.draft(draft.quarter), entity: 'report-draft', ...draft });
const atRevision = (readRevision: number) => ({ ConditionExpression: 'revision = :read', ExpressionAttributeValues: { ':read': readRevision } });

interface PublishChange {
  version: ReportVersion;
  readRevision: number;
  outboxItems: readonly TransactItem[];
}

/** The items of a publication's transaction (see `publish`). */
const publicationItems = (tableName: string, { version, readRevision, outboxItems }: PublishChange): TransactItem[] => [
  {
    Put: {
      TableName: tableName,
      Item: { ...reportKeys.version(version.quarter, version.version), entity: 'report-version', ...version },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  { ConditionCheck: { TableName: tableName, Key: reportKeys.draft(version.quarter), ...atRevision(readRevision) } },
  {
    Update: {
      TableName: tableName,
      Key: reportKeys.published(version.quarter),
      UpdateExpression:
        'SET #entity = :entity, #quarter = :quarter, #version = :version, #publishedAt = :at, #contentHash = :hash, #supersedes = :superseded, ' +
        '#firstPublishedAt = if_not_exists(#firstPublishedAt, :at)',
      ConditionExpression: version.supersedes === null ? 'attribute_not_exists(pk)' : '#version = :superseded',
      ExpressionAttributeNames: Object.fromEntries(
        ['entity', 'quarter', 'version', 'publishedAt', 'contentHash', 'supersedes', 'firstPublishedAt'].map((name) => [`#${name}`, name]),
      ),
      ExpressionAttributeValues: {
        ':entity': 'report-published',
        ':quarter': version.quarter,
        ':version': version.version,
        ':at': version.publishedAt,
        ':hash': version.contentHash,
        ':superseded': version.supersedes,
      },
    },
  },
  ...outboxItems,
];

/** The reports' drafts and versions on the transparency table. */
export const createReportStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return {
    tableName,

    async getDraft(quarter: string, options: { consistent?: boolean } = {}): Promise<ReportDraft | undefined> {
      const item = await table.get(reportKeys.draft(quarter), options);
      return item && entityOf<ReportDraft>(item);
    },

    /** The quarter's first draft; a ConditionFailedError when it has one. */
    createDraft: (draft: ReportDraft): Promise<void> => table.put(draftItem(draft), { ConditionExpression: 'attribute_not_exists(pk)' }),

    /** The draft as changed; a ConditionFailedError when it changed since `readRevision`. */
    saveDraft: (draft: ReportDraft, readRevision: number): Promise<void> => table.put(draftItem(draft), atRevision(readRevision)),

    async getVersion(quarter: string, version: number): Promise<ReportVersion | undefined> {
      const item = await table.get(reportKeys.version(quarter, version));
      return item && entityOf<ReportVersion>(item);
    },

    /** The quarter's newest version (strongly consistent: what a publication numbers after). */
    async latestVersion(quarter: string): Promise<ReportVersion | undefined> {
      const page = await table.page({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': reportKeys.draft(quarter).pk, ':prefix': reportKeys.versionPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      });
      const item = page.items[0];
      return item && entityOf<ReportVersion>(item);
    },

    /**
     * When the quarter's first version compiled after the quarter's end was published: a report to
     * date (compiled while the quarter ran) is not the quarter's report yet. Null when there is none.
     * One query of the quarter's few versions, projected to three attributes.
     */
    async finalPublishedAt(quarter: string): Promise<string | null> {
      const versions = await table.queryAll<{ publishedAt: string; figures: { compiledAt: string; period: { end: string } } }>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': reportKeys.draft(quarter).pk, ':prefix': reportKeys.versionPrefix },
        ProjectionExpression: '#at, #figures.#compiledAt, #figures.#period',
        ExpressionAttributeNames: { '#at': 'publishedAt', '#figures': 'figures', '#compiledAt': 'compiledAt', '#period': 'period' },
      });
      return versions.find((version) => version.figures.compiledAt >= version.figures.period.end)?.publishedAt ?? null;
    },

    /** Every published quarter with its latest version, newest quarter first (four a year). */
    async publishedQuarters(): Promise<PublishedQuarter[]> {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': reportKeys.publishedPk },
        ScanIndexForward: false,
      });
      return items.map((item) => entityOf<PublishedQuarter>(item));
    },

    /**
     * Publishes in one transaction: the new version (its number not taken yet), a check that the
     * draft is still at the revision read, the quarter's entry in the public list (still naming
     * the version superseded) and the outbox item of the announcement. A ConditionFailedError
     * names the item whose condition failed: 0 the number, 1 the draft, 2 the list entry.
     */
    publish: (change: PublishChange): Promise<void> => table.transact(publicationItems(table.name, change)),
  };
};

export type ReportStore = ReturnType<typeof createReportStore>;
