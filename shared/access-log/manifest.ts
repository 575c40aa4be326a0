import type { Role } from '#shared/manifest/platform.ts';
import type { ContextManifest } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';

/** Who may query the access log by staff member, subject and period. */
export const accessLogReaderRoles = ['security'] as const satisfies readonly Role[];

/**
 * The access log: one append-only record per staff read of a person's data (who, whose, what,
 * when, why). The functions that serve staff reads only append to it (`append`: PutItem on a new
 * item, nothing else); the access-log function reads it for security staff and for each person
 * about themselves. A record is the platform's accountability record: it outlives a person's request
 * for erasure, and expires whole by its time to live (`retentionPolicy.accessRecords` after the read,
 * set when it is written), which DynamoDB enforces and no function role can hasten.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts'.
 */
export const accessLogManifest = {
  name: 'access-log',
  tables: {
    accessLog: {
      logicalId: 'AccessLogTable',
      localName: 'access-log',
      envVar: 'ACCESS_LOG_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [stringIndex('bySubject', 'subjectPk', 'subjectSk'), stringIndex('byDay', 'dayPk', 'daySk')],
      timeToLiveAttribute: 'expiresAt',
      accessPatterns: [
        "append a read's records: TransactWrite Put pk=STAFF#<staff id>, sk=<at>#<record id>, condition attribute_not_exists(pk) (never updated or deleted), with the figures table's UpdateItem ADD of the quarter's counters (pk=access-log#quarter)",
        "a staff member's reads, newest first, in a period: Query pk=STAFF#<staff id>, descending sk between <from> and <to>",
        "reads of a person's data, newest first, in a period: Query bySubject subjectPk=SUBJECT#<subject id>, descending subjectSk between <from> and <to> (sparse: records with a known subject)",
        'every read of a day, newest first: Query byDay dayPk=DAY#<yyyy-mm-dd>, descending daySk between <from> and <to> (one query per day of the period)',
        "a person's whole access log, for a copy of their data and the holds on erasure: Query bySubject subjectPk=SUBJECT#<subject id>; every read filters out records past expiresAt (24 months after the read)",
      ],
    },
  },
  queues: {},
  functions: {
    accessLog: {
      logicalId: 'AccessLogFunction',
      entry: 'functions/access-log/handler.ts',
      description: 'The access log of staff reads: queries for security staff, and each person their own',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { accessLog: 'read' },
      // Opens the sealed reasons staff gave; its cursors are sealed with a key derived from the pseudonym key.
      usesDataKey: true,
      usesPseudonymKey: true,
    },
  },
  routes: [
    { method: 'GET', path: '/v1/security/access-log', function: 'accessLog', caller: 'person', roles: accessLogReaderRoles },
    { method: 'GET', path: '/v1/me/access-log', function: 'accessLog', caller: 'person' },
  ],
  jobs: {},
  eventRules: {},
} as const satisfies ContextManifest;
