import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable, type ItemKey, type TableQuery } from '#shared/aws/table.ts';
import {
  awaitsRegulatorNotice,
  regulatorDeadlineOf,
  type Incident,
  type IncidentCategory,
  type IncidentStatus,
  type PeopleNotice,
} from '#shared/security/domain/incidents.ts';

/**
 * The incident table. An incident sits under `INCIDENT#<id>`: its record at `INCIDENT`, its
 * timeline notes at `NOTE#<note id>` (ids sort by time), so one Query reads both. Indexed newest
 * first among all incidents (`incidentsByDetection`, also the quarter's range for the figures) and
 * among those of a status (`incidentsByStatus`); those whose regulator is not yet told sit in a
 * sparse index by deadline (`awaitingRegulator`), which the deadline job reads.
 *
 * Free text is stored sealed: the note's text (`sealedText`) and the reason no notice to the
 * people is required (`sealedNoticeReason`); the store never sees it in clear.
 */
export const incidentKeys = {
  incident: (id: string) => ({ pk: `INCIDENT#${id}`, sk: 'INCIDENT' }),
  note: (incidentId: string, noteId: string) => ({ pk: `INCIDENT#${incidentId}`, sk: `NOTE#${noteId}` }),
  incidentsPk: 'INCIDENTS',
  statusPk: (status: IncidentStatus) => `STATUS#${status}`,
  awaitingPk: 'AWAITING',
  byDetection: (incident: Pick<Incident, 'detectedAt' | 'id'>) => `${incident.detectedAt}#${incident.id}`,
};


/** An incident as stored: the reason of a `not-required` decision sealed. */
export type StoredIncident = Omit<Incident, 'peopleNotice'> & {
  peopleNotice?: Omit<PeopleNotice, 'reason'>;
  sealedNoticeReason?: Uint8Array;
};

export interface StoredNote {
  id: string;
  at: string;
  by: string;
  sealedText: Uint8Array;
}

export interface IncidentFilter {
  status?: IncidentStatus;
  category?: IncidentCategory;
}

/** An incident awaiting its regulator notification: only what the deadline job needs. */
export interface AwaitingIncident {
  id: string;
  deadline: string;
}

const KEY_ATTRIBUTES = ['pk', 'sk', 'incidentsPk', 'incidentsSk', 'statusPk', 'statusSk', 'awaitingPk', 'awaitingSk', 'entity'] as const;

/** Queries a page may take to fill itself when the category filter skips incidents. */
const MAX_ROUNDS = 5;

const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  // DynamoDB hands binary attributes back as Uint8Array already.
  return entity as T;
};

const incidentItem = (incident: StoredIncident) => {
  const byDetection = incidentKeys.byDetection(incident);
  const deadline = regulatorDeadlineOf(incident);
  return {
    ...incidentKeys.incident(incident.id),
    incidentsPk: incidentKeys.incidentsPk,
    incidentsSk: byDetection,
    statusPk: incidentKeys.statusPk(incident.status),
    statusSk: byDetection,
    ...(awaitsRegulatorNotice(incident) && deadline && { awaitingPk: incidentKeys.awaitingPk, awaitingSk: `${deadline}#${incident.id}` }),
    entity: 'incident',
    ...incident,
  };
};

const noteItem = (incidentId: string, note: StoredNote) => ({ ...incidentKeys.note(incidentId, note.id), entity: 'incident-note', ...note });

const listQuery = (filter: IncidentFilter): TableQuery => {
  const [index, pkName, pk] = filter.status
    ? ['incidentsByStatus', 'statusPk', incidentKeys.statusPk(filter.status)]
    : ['incidentsByDetection', 'incidentsPk', incidentKeys.incidentsPk];
  return {
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    ...(filter.category && { FilterExpression: '#category = :category' }),
    ExpressionAttributeNames: { '#pk': pkName, ...(filter.category && { '#category': 'category' }) },
    ExpressionAttributeValues: { ':pk': pk, ...(filter.category && { ':category': filter.category }) },
    ScanIndexForward: false,
  };
};

export const createIncidentStore = ({ db, tableName }: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(db, tableName);
  return {
    /** A new incident, with its first note if there is one (a ConditionFailedError if the id exists). */
    record: (incident: StoredIncident, firstNote?: StoredNote): Promise<void> =>
      table.transact([
        { Put: { TableName: tableName, Item: incidentItem(incident), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(firstNote ? [{ Put: { TableName: tableName, Item: noteItem(incident.id, firstNote) } }] : []),
      ]),

    /** Writes an incident whose version is one more than the one read; a ConditionFailedError when someone wrote it since. */
    save: (incident: StoredIncident): Promise<void> =>
      table.put(incidentItem(incident), { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': incident.version - 1 } }),

    /** A note on an existing incident (a ConditionFailedError when there is no such incident). */
    addNote: (incidentId: string, note: StoredNote): Promise<void> =>
      table.transact([
        { ConditionCheck: { TableName: tableName, Key: incidentKeys.incident(incidentId), ConditionExpression: 'attribute_exists(pk)' } },
        { Put: { TableName: tableName, Item: noteItem(incidentId, note), ConditionExpression: 'attribute_not_exists(pk)' } },
      ]),

    async get(id: string, options: { consistent?: boolean } = {}): Promise<StoredIncident | undefined> {
      const item = await table.get(incidentKeys.incident(id), options);
      return item && withoutKeys<StoredIncident>(item);
    },

    /** The incident and its notes, oldest note first; undefined when there is no such incident. */
    async withNotes(id: string): Promise<{ incident: StoredIncident; notes: StoredNote[] } | undefined> {
      const items = await table.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': incidentKeys.incident(id).pk } });
      const record = items.find((item) => item.sk === 'INCIDENT');
      if (!record) return undefined;
      const notes = items.filter((item) => String(item.sk).startsWith('NOTE#')).map((item) => withoutKeys<StoredNote>(item));
      return { incident: withoutKeys<StoredIncident>(record), notes };
    },

    /** Up to `limit` incidents matching the filter, newest detection first. */
    async page(filter: IncidentFilter, page: { limit: number; after?: ItemKey }): Promise<{ items: StoredIncident[]; lastKey?: ItemKey }> {
      const query = listQuery(filter);
      const items: StoredIncident[] = [];
      let startKey = page.after;
      for (let round = 0; round < MAX_ROUNDS && items.length < page.limit; round++) {
        const result = await table.page({ ...query, Limit: page.limit - items.length }, startKey);
        items.push(...result.items.map((item) => withoutKeys<StoredIncident>(item)));
        startKey = result.lastKey;
        if (!startKey) break;
      }
      return { items, ...(startKey && { lastKey: startKey }) };
    },

    /** The incidents detected in [start, end), in detection order (a quarter: a bounded set). */
    async detectedBetween(start: string, end: string): Promise<StoredIncident[]> {
      const items = await table.queryAll({
        IndexName: 'incidentsByDetection',
        KeyConditionExpression: 'incidentsPk = :pk AND incidentsSk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': incidentKeys.incidentsPk, ':from': start, ':to': end },
      });
      // `<end>#<id>` sorts after `<end>`: the BETWEEN leaves the end itself out.
      return items.map((item) => withoutKeys<StoredIncident>(item));
    },

    /** The incidents whose regulator is not yet told and whose deadline is at or before `horizon`, earliest first. */
    async awaitingRegulatorBy(horizon: string): Promise<AwaitingIncident[]> {
      const items = await table.queryAll<{ awaitingSk: string }>({
        IndexName: 'awaitingRegulator',
        KeyConditionExpression: 'awaitingPk = :pk AND awaitingSk <= :horizon',
        ExpressionAttributeValues: { ':pk': incidentKeys.awaitingPk, ':horizon': `${horizon}#~` },
        ProjectionExpression: 'awaitingSk',
      });
      return items.map(({ awaitingSk }) => {
        const [deadline = '', id = ''] = awaitingSk.split('#');
        return { id, deadline };
      });
    },
  };
};

export type IncidentStore = ReturnType<typeof createIncidentStore>;
