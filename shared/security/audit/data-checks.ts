import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AuditClients } from '#shared/security/audit/clients.ts';
import { auditChecks, resultOf, unreadable } from '#shared/security/audit/checks.ts';
import { detectPersonalData, isEncryptionSdkCiphertext, type PersonalDataKind } from '#shared/security/audit/personal-data-detectors.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';

/**
 * The data itself: a sample of each table's items holds personal data only as Encryption SDK
 * ciphertext. Every string (and number) at any depth goes through the detectors; a binary that is
 * an Encryption SDK message counts as ciphertext, any other binary is opaque and left alone. A
 * finding names the attribute path and the kind found, never the value nor the item's key.
 */

export const DEFAULT_SAMPLE_SIZE = 50;

/** Where personal data was found in one item: the attribute path (list positions as `[]`) and the kind. */
interface PersonalDataHit {
  path: string;
  kind: PersonalDataKind;
}

/** Shown in place of a map key that itself holds personal data, so that the path does not repeat it. */
const HIDDEN_KEY = '{personal data in a map key}';

const joinPath = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);

interface Tally {
  hits: PersonalDataHit[];
  ciphertexts: number;
}

const scanText = (text: string, path: string, tally: Tally): void => {
  for (const kind of detectPersonalData(text)) tally.hits.push({ path, kind });
};

const scanValue = (value: AttributeValue, path: string, tally: Tally): void => {
  if (value.S !== undefined) scanText(value.S, path, tally);
  else if (value.N !== undefined) scanText(value.N, path, tally);
  else if (value.SS !== undefined) for (const text of value.SS) scanText(text, `${path}[]`, tally);
  else if (value.NS !== undefined) for (const text of value.NS) scanText(text, `${path}[]`, tally);
  else if (value.B !== undefined) tally.ciphertexts += isEncryptionSdkCiphertext(value.B) ? 1 : 0;
  else if (value.BS !== undefined) tally.ciphertexts += value.BS.filter(isEncryptionSdkCiphertext).length;
  else if (value.L !== undefined) for (const element of value.L) scanValue(element, `${path}[]`, tally);
  else if (value.M !== undefined) scanMap(value.M, path, tally);
};

const scanMap = (map: Record<string, AttributeValue>, parent: string, tally: Tally): void => {
  for (const [name, value] of Object.entries(map)) {
    const keyKinds = detectPersonalData(name);
    const path = joinPath(parent, keyKinds.length > 0 ? HIDDEN_KEY : name);
    for (const kind of keyKinds) tally.hits.push({ path, kind });
    scanValue(value, path, tally);
  }
};

/** Where one item holds personal data in clear, and how many of its binaries are Encryption SDK ciphertext. */
const inspectItem = (item: Record<string, AttributeValue>): Tally => {
  const tally: Tally = { hits: [], ciphertexts: 0 };
  scanMap(item, '', tally);
  return tally;
};

const MAX_LISTED = 10;

const describeHits = (hits: PersonalDataHit[]): string => {
  const distinct = [...new Set(hits.map((hit) => `${hit.kind} at ${hit.path}`))].sort();
  const listed = distinct.slice(0, MAX_LISTED).join('; ');
  return distinct.length > MAX_LISTED ? `${listed}; and ${distinct.length - MAX_LISTED} more` : listed;
};

/** A table bigger than one sample is also sampled in a few of these parallel-scan segments, picked at random. */
const TOTAL_SEGMENTS = 16;
const EXTRA_SEGMENTS = 3;

/**
 * The items of a sample: the first Scan page of `sampleSize` items (the whole table when it is
 * smaller), and, when the table holds more, as many again from the starts of a few random
 * segments, so that the sample is spread over the table rather than taken from one end.
 */
const sampleItems = async (dynamodb: AuditClients['dynamodb'], tableName: string, sampleSize: number) => {
  const first = await dynamodb.send(new ScanCommand({ TableName: tableName, Limit: sampleSize }));
  const items = [...(first.Items ?? [])];
  if (!first.LastEvaluatedKey) return items;
  const segments = new Set<number>();
  while (segments.size < EXTRA_SEGMENTS) segments.add(Math.floor(Math.random() * TOTAL_SEGMENTS));
  const perSegment = Math.ceil(sampleSize / EXTRA_SEGMENTS);
  for (const segment of segments) {
    const page = await dynamodb.send(new ScanCommand({ TableName: tableName, Limit: perSegment, Segment: segment, TotalSegments: TOTAL_SEGMENTS }));
    items.push(...(page.Items ?? []));
  }
  return items;
};

/** Samples one table (see sampleItems) and reports what it holds in clear. */
export const checkTableData = async (
  name: string,
  tableName: string | undefined,
  context: { dynamodb: AuditClients['dynamodb']; sampleSize: number },
): Promise<CheckResult> => {
  const check = auditChecks.personalDataInClear;
  const resource = `table:${name}`;
  if (tableName === undefined) return resultOf(check, resource, 'failed', 'the table is in the manifest but not among the audit targets');
  let items: Record<string, AttributeValue>[];
  try {
    items = await sampleItems(context.dynamodb, tableName, context.sampleSize);
  } catch (error) {
    return unreadable(check, resource, 'a sample of the items', error);
  }
  const tallies = items.map(inspectItem);
  const ciphertexts = tallies.reduce((sum, tally) => sum + tally.ciphertexts, 0);
  const flagged = tallies.filter((tally) => tally.hits.length > 0);
  if (flagged.length > 0) {
    const hits = describeHits(flagged.flatMap((tally) => tally.hits));
    return resultOf(check, resource, 'failed', `table ${name}: ${flagged.length} of ${items.length} sampled items hold personal data in clear: ${hits}`);
  }
  return resultOf(
    check,
    resource,
    'passed',
    `${items.length} items sampled (${ciphertexts} Encryption SDK ciphertexts): no e-mail address, phone number or card number in clear`,
  );
};
