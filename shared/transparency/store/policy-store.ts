import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, createTable, type TransactItem } from '#shared/aws/table.ts';
import type { PolicyDraft, PolicyVersion } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * Keys of the transparency table. The policy's drafts and versions share one partition
 * (`PRIVACY_POLICY`: a few drafts and versions a year), versions numbered with six digits so that
 * the sort key orders them; a person's acknowledgement of version n sits under the person.
 */
const transparencyKeys = {
  policyPk: 'PRIVACY_POLICY',
  draft: (id: string) => ({ pk: 'PRIVACY_POLICY', sk: `DRAFT#${id}` }),
  draftPrefix: 'DRAFT#',
  version: (number: number) => ({ pk: 'PRIVACY_POLICY', sk: `VERSION#${String(number).padStart(6, '0')}` }),
  versionPrefix: 'VERSION#',
  acknowledgement: (sub: string, number: number) => ({ pk: `PERSON#${sub}`, sk: `PRIVACY_POLICY_ACK#${String(number).padStart(6, '0')}` }),
  personPk: (sub: string) => `PERSON#${sub}`,
  acknowledgementPrefix: 'PRIVACY_POLICY_ACK#',
};

/** A person's acknowledgement of one version. */
export interface Acknowledgement {
  version: number;
  acknowledgedAt: string;
}

/** A version without its texts and their HTML: what a listing needs. */
export type VersionSummary = Omit<PolicyVersion, 'text' | 'html'>;
const SUMMARY_ATTRIBUTES = ['number', 'effectiveDate', 'summaryOfChanges', 'contentHash', 'publishedAt', 'publishedBy', 'draftId', 'supersedes'] as const;

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity'] as const;
const entityOf = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  return entity as T;
};

const draftItem = (draft: PolicyDraft) => ({ ...transparencyKeys.draft(draft.id), entity: 'privacy-policy-draft', ...draft });

/** The conditional put of a draft over the revision read, while it is still a draft. */
const draftOverRevision = (readRevision: number) => ({
  ConditionExpression: 'revision = :read AND #status = :draft',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':read': readRevision, ':draft': 'draft' },
});

type Table = ReturnType<typeof createTable>;

/** Drafts, written over the revision read. */
const draftRecords = (table: Table) => ({
    /** A new draft; a ConditionFailedError when one of that id exists. */
    createDraft: (draft: PolicyDraft): Promise<void> => table.put(draftItem(draft), { ConditionExpression: 'attribute_not_exists(pk)' }),

    /** The draft as edited; a ConditionFailedError when it was saved or published since `readRevision`. */
    saveDraft: (draft: PolicyDraft, readRevision: number): Promise<void> => table.put(draftItem(draft), draftOverRevision(readRevision)),

    async getDraft(id: string, options: { consistent?: boolean } = {}): Promise<PolicyDraft | undefined> {
      const item = await table.get(transparencyKeys.draft(id), options);
      return item && entityOf<PolicyDraft>(item);
    },

    /** The newest drafts (published ones included), newest first. */
    async latestDrafts(limit: number): Promise<PolicyDraft[]> {
      const page = await table.page({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': transparencyKeys.policyPk, ':prefix': transparencyKeys.draftPrefix },
        ScanIndexForward: false,
        Limit: limit,
      });
      return page.items.map((item) => entityOf<PolicyDraft>(item));
    },
});

/** Published versions, and the publication that adds one. */
const versionRecords = (table: Table) => ({

    async getVersion(number: number): Promise<PolicyVersion | undefined> {
      const item = await table.get(transparencyKeys.version(number));
      return item && entityOf<PolicyVersion>(item);
    },

    /** The newest published version (strongly consistent: what a publication numbers after). */
    async latestVersion(): Promise<PolicyVersion | undefined> {
      const page = await table.page({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': transparencyKeys.policyPk, ':prefix': transparencyKeys.versionPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      });
      const item = page.items[0];
      return item && entityOf<PolicyVersion>(item);
    },

    /** Every published version without its texts, newest first. */
    async versionSummaries(): Promise<VersionSummary[]> {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': transparencyKeys.policyPk, ':prefix': transparencyKeys.versionPrefix },
        ProjectionExpression: SUMMARY_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(SUMMARY_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
        ScanIndexForward: false,
      });
      return items.map((item) => entityOf<VersionSummary>(item));
    },

    /**
     * Publishes: the new version (its number not taken yet), the draft marked published (still at
     * the revision read) and the outbox item of the announcement, in one transaction. A
     * ConditionFailedError names the item whose condition failed: 0 the number, 1 the draft.
     */
    publish: (change: { version: PolicyVersion; draft: PolicyDraft; readRevision: number; outboxItems: readonly TransactItem[] }): Promise<void> =>
      table.transact([
        {
          Put: {
            TableName: table.name,
            Item: { ...transparencyKeys.version(change.version.number), entity: 'privacy-policy-version', ...change.version },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: table.name, Item: draftItem(change.draft), ...draftOverRevision(change.readRevision) } },
        ...change.outboxItems,
      ]),
});

/** People's acknowledgements, each recorded once. */
const acknowledgementRecords = (table: Table) => ({

    /**
     * Records a person's acknowledgement with the figures' counters, once: true when recorded now,
     * false when it was recorded before (nothing is written then).
     */
    async acknowledge(sub: string, acknowledgement: Acknowledgement, counterItems: readonly TransactItem[]): Promise<boolean> {
      try {
        await table.transact([
          {
            Put: {
              TableName: table.name,
              Item: { ...transparencyKeys.acknowledgement(sub, acknowledgement.version), entity: 'privacy-policy-acknowledgement', ...acknowledgement },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...counterItems,
        ]);
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError && error.failedOn(0)) return false;
        throw error;
      }
    },

    async getAcknowledgement(sub: string, version: number): Promise<Acknowledgement | undefined> {
      const item = await table.get(transparencyKeys.acknowledgement(sub, version), { consistent: true });
      return item && { version: Number(item.version), acknowledgedAt: String(item.acknowledgedAt) };
    },

    /** Every acknowledgement of a person, oldest version first (their partition, by key). */
    async acknowledgementsOf(sub: string): Promise<Acknowledgement[]> {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': transparencyKeys.personPk(sub), ':prefix': transparencyKeys.acknowledgementPrefix },
        ConsistentRead: true,
      });
      return items.map((item) => ({ version: Number(item.version), acknowledgedAt: String(item.acknowledgedAt) }));
    },

    /** Deletes a person's acknowledgements of `versions` (the figures' counters stay); deleting one that is gone is harmless. */
    deleteAcknowledgements: (sub: string, versions: readonly number[]): Promise<void> =>
      table.deleteAll(versions.map((version) => transparencyKeys.acknowledgement(sub, version))),
});

/** The privacy policy's drafts, versions and acknowledgements on the transparency table. */
export const createPolicyStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return { tableName, ...draftRecords(table), ...versionRecords(table), ...acknowledgementRecords(table) };
};

export type PolicyStore = ReturnType<typeof createPolicyStore>;
