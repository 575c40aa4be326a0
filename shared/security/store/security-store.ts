import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#shared/aws/batch.ts';
import { createTable, type ItemKey, type TableQuery } from '#shared/aws/table.ts';
import type { CheckResult, OwnerTeam, Severity } from '#shared/security/domain/audit.ts';
import type { Finding, FindingStatus } from '#shared/security/domain/findings.ts';
import type { AuditRun } from '#shared/security/domain/runs.ts';
import { securityKeys } from '#shared/security/store/keys.ts';

export interface FindingFilter {
  status?: FindingStatus;
  severity?: Severity;
  checkId?: string;
  ownerTeam?: OwnerTeam;
}

export interface StorePage<T> {
  items: T[];
  /** Where the listing resumes; absent once it is exhausted. */
  lastKey?: ItemKey;
}

/** Queries a page of findings may take to fill itself when a filter skips findings (a shorter page and a cursor after that). */
const MAX_ROUNDS = 5;

const KEY_ATTRIBUTES = ['pk', 'sk', 'runsPk', 'runsSk', 'findingsPk', 'findingsSk', 'statusPk', 'statusSk', 'entity'] as const;

/** The entity of an item, without its key attributes. */
const entityOf = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  return entity as T;
};

const runItem = (run: AuditRun) => ({
  ...securityKeys.run(run.id),
  runsPk: securityKeys.runsPk,
  runsSk: securityKeys.runsSk(run.requestedAt, run.id),
  entity: 'audit-run',
  ...run,
});

const findingItem = (finding: Finding) => {
  const urgency = securityKeys.urgency(finding);
  return {
    ...securityKeys.finding(finding.id),
    findingsPk: securityKeys.findingsPk,
    findingsSk: urgency,
    statusPk: securityKeys.statusPk(finding.status),
    statusSk: urgency,
    entity: 'finding',
    ...finding,
  };
};

/** The query of a listing of findings: by status when one is asked for, narrowed by severity (key) and by check and team (filter). */
const findingsQuery = (filter: FindingFilter): TableQuery => {
  const [index, pkName, skName, pk] = filter.status
    ? ['findingsByStatus', 'statusPk', 'statusSk', securityKeys.statusPk(filter.status)]
    : ['findings', 'findingsPk', 'findingsSk', securityKeys.findingsPk];
  const filters: [string, string, string][] = [];
  if (filter.checkId) filters.push(['#check', 'checkId', filter.checkId]);
  if (filter.ownerTeam) filters.push(['#team', 'ownerTeam', filter.ownerTeam]);
  return {
    IndexName: index,
    KeyConditionExpression: filter.severity ? '#pk = :pk AND begins_with(#sk, :severity)' : '#pk = :pk',
    ...(filters.length > 0 && { FilterExpression: filters.map(([name]) => `${name} = :${name.slice(1)}`).join(' AND ') }),
    ExpressionAttributeNames: {
      '#pk': pkName,
      ...(filter.severity && { '#sk': skName }),
      ...Object.fromEntries(filters.map(([name, attribute]) => [name, attribute])),
    },
    ExpressionAttributeValues: {
      ':pk': pk,
      ...(filter.severity && { ':severity': securityKeys.severityPrefix(filter.severity) }),
      ...Object.fromEntries(filters.map(([name, , value]) => [`:${name.slice(1)}`, value])),
    },
    ScanIndexForward: true,
  };
};

type Table = ReturnType<typeof createTable>;

/** Audit runs and their results. */
const runRecords = (table: Table) => ({
    /** Records a new run; a ConditionFailedError when a run of that id exists. */
    createRun: (run: AuditRun): Promise<void> => table.put(runItem(run), { ConditionExpression: 'attribute_not_exists(pk)' }),

    /** Records a run's progress (started, completed, failed). */
    saveRun: (run: AuditRun): Promise<void> => table.put(runItem(run)),

    async getRun(runId: string, options: { consistent?: boolean } = {}): Promise<AuditRun | undefined> {
      const item = await table.get(securityKeys.run(runId), options);
      return item && entityOf<AuditRun>(item);
    },

    /** Runs, newest first. */
    async pageRuns(page: { limit: number; after?: ItemKey }): Promise<StorePage<AuditRun>> {
      const result = await table.page(
        {
          IndexName: 'runsByTime',
          KeyConditionExpression: 'runsPk = :pk',
          ExpressionAttributeValues: { ':pk': securityKeys.runsPk },
          ScanIndexForward: false,
          Limit: page.limit,
        },
        page.after,
      );
      return { items: result.items.map((item) => entityOf<AuditRun>(item)), ...(result.lastKey && { lastKey: result.lastKey }) };
    },

    /** The runs requested in [start, end) (ISO instants), oldest first: a quarter holds a handful. */
    runsRequestedBetween: async (start: string, end: string): Promise<AuditRun[]> =>
      (
        await table.queryAll({
          IndexName: 'runsByTime',
          KeyConditionExpression: 'runsPk = :pk AND runsSk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': securityKeys.runsPk, ':from': start, ':to': end },
        })
      )
        .map((item) => entityOf<AuditRun>(item))
        .filter((run) => run.requestedAt < end),

    /** The results of a run, in the order the audit gave them (written once, when the run completes). */
    putResults: (runId: string, results: readonly CheckResult[]): Promise<void> =>
      table.putAll(results.map((result, index) => ({ ...securityKeys.result(runId, index), entity: 'check-result', ...result }))),

    async results(runId: string): Promise<CheckResult[]> {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': securityKeys.run(runId).pk, ':prefix': securityKeys.resultPrefix },
      });
      return items.map((item) => entityOf<CheckResult>(item));
    },
});

/** Findings, written with a condition on the version read. */
const findingRecords = (table: Table, db: DynamoDBDocumentClient) => ({
    async getFinding(findingId: string, options: { consistent?: boolean } = {}): Promise<Finding | undefined> {
      const item = await table.get(securityKeys.finding(findingId), options);
      return item && entityOf<Finding>(item);
    },

    /** The findings of these ids that exist, in no particular order. */
    async getFindings(findingIds: readonly string[]): Promise<Finding[]> {
      const items = await batchGet(db, table.name, [...new Set(findingIds)].map(securityKeys.finding));
      return items.map((item) => entityOf<Finding>(item));
    },

    /** Every finding, whatever its status (one per check and resource: a few hundred at most). */
    allFindings: async (): Promise<Finding[]> => (await table.queryAll(findingsQuery({}))).map((item) => entityOf<Finding>(item)),

    /** Every finding in one status (the audit's sweep of expired suppressions: a bounded set). */
    findingsInStatus: async (status: FindingStatus): Promise<Finding[]> =>
      (await table.queryAll(findingsQuery({ status }))).map((item) => entityOf<Finding>(item)),

    /**
     * Writes a finding whose version is one more than the one read (a new one: version 0, not
     * existing yet); a ConditionFailedError when someone else wrote it since.
     */
    saveFinding: (finding: Finding): Promise<void> =>
      table.put(
        findingItem(finding),
        finding.version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': finding.version - 1 } },
      ),

    /** Up to `limit` findings matching the filter, most urgent first. */
    async pageFindings(filter: FindingFilter, page: { limit: number; after?: ItemKey }): Promise<StorePage<Finding>> {
      const query = findingsQuery(filter);
      const items: Finding[] = [];
      let startKey = page.after;
      for (let round = 0; round < MAX_ROUNDS && items.length < page.limit; round++) {
        const result = await table.page({ ...query, Limit: page.limit - items.length }, startKey);
        items.push(...result.items.map((item) => entityOf<Finding>(item)));
        startKey = result.lastKey;
        if (!startKey) break;
      }
      return { items, ...(startKey && { lastKey: startKey }) };
    },
});

/** The security table: audit runs with their results, and findings. */
export const createSecurityStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return { ...runRecords(table), ...findingRecords(table, db) };
};

export type SecurityStore = ReturnType<typeof createSecurityStore>;
