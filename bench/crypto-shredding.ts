import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
import type { TableDefinition } from '#infra/manifest.ts';
import { ensureTables, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { LOCAL_KEY_BYTES, localKeyringFromBytes } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { CountingKeyring } from '../test/support/counting-keyring.ts';
import { freePort } from './dynamodb-meter.ts';
import { complaintFixtures } from './fixtures.ts';
import type { Section } from './section.ts';
import { median, round } from './stats.ts';
import { fixed, formatTable } from './table.ts';

/**
 * What crypto-shredding would cost: erasure by deleting a key of the person's own, which would
 * make every copy of their data unreadable at once, point-in-time backups included. The platform
 * erases personal fields in place instead (complete in backups once their 35-day window has
 * passed). Measured here, in one run, against the platform's cipher (`createPersonalDataCipher`:
 * one data key shared by everyone, cached): the same complaints sealed and opened with a key per
 * person, each an AES key kept in a key table (DynamoDB Local) wrapped by the data key, looked up
 * and unwrapped on each miss of the container's cache of people's keys. Informative: no target.
 *
 * Locally an unwrap is AES in memory; in AWS each is a KMS Decrypt call (milliseconds and a
 * price per 10,000), so the counts of unwraps and key reads matter as much as the local times.
 */

const PEOPLE = 50;
const ROUNDS = 9;
const STAGE = 'bench';
const ENTITY = 'complaint';

const keyTable: TableDefinition = {
  logicalId: 'PersonKeysTable',
  localName: 'bench-person-keys',
  envVar: 'PERSON_KEYS_TABLE_NAME',
  partitionKey: { name: 'personId', type: 'S' },
  globalIndexes: [],
  accessPatterns: ["a person's key: GetItem personId=<sub>; erasure: DeleteItem personId=<sub>"],
};

interface Item {
  person: string;
  id: string;
  personal: Record<string, unknown>;
}

/** How one design seals and opens an item of a person, and what it cost in key operations. */
interface Design {
  seal(item: Item): Promise<Uint8Array>;
  open(item: Item, blob: Uint8Array): Promise<Record<string, unknown>>;
  /** Data-key unwraps by the data key (KMS Decrypt calls in AWS). */
  kmsCalls(): number;
  keyReads(): number;
}

/** Today: one cipher over the data key, whose data keys are cached and shared by every person. */
const sharedKeyDesign = (masterKey: Uint8Array): Design => {
  const keyring = new CountingKeyring(localKeyringFromBytes(masterKey));
  const cipher = createPersonalDataCipher({ keyring, stage: STAGE });
  return {
    seal: (item) => cipher.seal(ENTITY, item.id, item.personal),
    open: (item, blob) => cipher.open(ENTITY, item.id, blob),
    kmsCalls: () => keyring.wraps + keyring.unwraps,
    keyReads: () => 0,
  };
};

const personKeyring = (personId: string, key: Uint8Array) =>
  new RawAesKeyringNode({
    keyName: personId,
    keyNamespace: 'user-protection-person',
    unencryptedMasterKey: key,
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });

/**
 * Crypto-shredding: each person's AES key in the key table, wrapped by the data key (one unwrap
 * per key, as KMS Decrypt would be); a container keeps the keys it has opened. Each person's
 * cipher caches its own data keys, as the platform's does.
 */
const perPersonDesign = (masterKey: Uint8Array, documents: DynamoDBDocumentClient): Design => {
  const master = new CountingKeyring(localKeyringFromBytes(masterKey));
  const keyWrapper = createPersonalDataCipher({ keyring: master, stage: STAGE, cache: false });
  const ciphers = new Map<string, PersonalDataCipher>();
  let keyReads = 0;
  const cipherOf = async (person: string): Promise<PersonalDataCipher> => {
    const cached = ciphers.get(person);
    if (cached) return cached;
    keyReads += 1;
    const { Item } = await documents.send(new GetCommand({ TableName: keyTable.localName, Key: { personId: person } }));
    if (!Item) throw new Error(`No key for ${person}: erased`);
    const { key } = await keyWrapper.open<{ key: string }>('person-key', person, Item.wrappedKey as Uint8Array);
    // The keyring wants the key in a buffer of its own (not a slice of Node's shared pool).
    const cipher = createPersonalDataCipher({ keyring: personKeyring(person, new Uint8Array(Buffer.from(key, 'base64'))), stage: STAGE });
    ciphers.set(person, cipher);
    return cipher;
  };
  return {
    seal: async (item) => (await cipherOf(item.person)).seal(ENTITY, item.id, item.personal),
    open: async (item, blob) => (await cipherOf(item.person)).open(ENTITY, item.id, blob),
    kmsCalls: () => master.wraps + master.unwraps,
    keyReads: () => keyReads,
  };
};

/** Gives each person a key (untimed: a person's key is made once, at their first item). */
const createPersonKeys = async (masterKey: Uint8Array, documents: DynamoDBDocumentClient, people: readonly string[]) => {
  const keyWrapper = createPersonalDataCipher({ keyring: localKeyringFromBytes(masterKey), stage: STAGE, cache: false });
  for (const personId of people) {
    const wrappedKey = await keyWrapper.seal('person-key', personId, { key: randomBytes(32).toString('base64') });
    await documents.send(new PutCommand({ TableName: keyTable.localName, Item: { personId, wrappedKey } }));
  }
};

interface Measured {
  ms: number;
  kmsCalls: number;
  keyReads: number;
}

const timed = async (design: Design, work: () => Promise<void>): Promise<Measured> => {
  const before = { kmsCalls: design.kmsCalls(), keyReads: design.keyReads() };
  const start = performance.now();
  await work();
  return { ms: performance.now() - start, kmsCalls: design.kmsCalls() - before.kmsCalls, keyReads: design.keyReads() - before.keyReads };
};

const scenarios = ['file', 'listFresh', 'listWarm'] as const;
type Scenario = (typeof scenarios)[number];
const scenarioTitles: Record<Scenario, string> = {
  file: `${PEOPLE} complaints filed by ${PEOPLE} people (a container's first requests)`,
  listFresh: `staff list of ${PEOPLE} complaints from ${PEOPLE} people (a fresh container)`,
  listWarm: 'the same list again (the container that opened it)',
};

/** One round of one design: seal every item in a container, open them all in a fresh one, twice. */
const oneRound = async (design: () => Design, items: readonly Item[]): Promise<Record<Scenario, Measured>> => {
  const writer = design();
  const blobs: Uint8Array[] = [];
  const file = await timed(writer, async () => {
    for (const item of items) blobs.push(await writer.seal(item));
  });
  const reader = design();
  const openAll = async () => {
    for (const [index, item] of items.entries()) {
      const opened = await reader.open(item, blobs[index]!);
      // A read that opens the wrong payload must not count as a read.
      if (opened.description !== item.personal.description) throw new Error(`Item ${item.id} did not round-trip`);
    }
  };
  const listFresh = await timed(reader, openAll);
  const listWarm = await timed(reader, openAll);
  return { file, listFresh, listWarm };
};

const measure = async (client: DynamoDBClient, log: (line: string) => void) => {
  const documents = DynamoDBDocumentClient.from(client);
  await ensureTables(client, [keyTable]);
  const masterKey = randomBytes(LOCAL_KEY_BYTES);
  const items: Item[] = complaintFixtures(PEOPLE, { owners: PEOPLE }).map((fixture, index) => {
    const { subject, description, contact, relatedContentUrl } = fixture.input;
    return { person: fixture.caller.kind === 'person' ? fixture.caller.sub : `p${index}`, id: `C${index}`, personal: { subject, description, contact, relatedContentUrl } };
  });
  await createPersonKeys(masterKey, documents, items.map((item) => item.person));
  const designs = { shared: () => sharedKeyDesign(masterKey), perPerson: () => perPersonDesign(masterKey, documents) };
  // An untimed round of each first (JIT warm-up), then rounds alternating the designs.
  for (const design of Object.values(designs)) await oneRound(design, items);
  const rounds = { shared: [] as Record<Scenario, Measured>[], perPerson: [] as Record<Scenario, Measured>[] };
  for (let index = 1; index <= ROUNDS; index++) {
    log(`Crypto-shredding: round ${index}/${ROUNDS}...`);
    rounds.shared.push(await oneRound(designs.shared, items));
    rounds.perPerson.push(await oneRound(designs.perPerson, items));
  }
  await checkErasure(items[0]!, () => perPersonDesign(masterKey, documents), documents);
  return rounds;
};

/** Erasure by crypto-shredding is one delete: after it, the person's item no longer opens. */
const checkErasure = async (item: Item, design: () => Design, documents: DynamoDBDocumentClient) => {
  const blob = await design().seal(item);
  await documents.send(new DeleteCommand({ TableName: keyTable.localName, Key: { personId: item.person } }));
  const opened = await design()
    .open(item, blob)
    .then(
      () => true,
      () => false,
    );
  if (opened) throw new Error('An item of a person whose key was deleted still opened');
};

const summarise = (samples: readonly Record<Scenario, Measured>[], scenario: Scenario) => ({
  ms: round(median(samples.map((sample) => sample[scenario].ms)), 2),
  kmsCalls: median(samples.map((sample) => sample[scenario].kmsCalls)),
  keyReads: median(samples.map((sample) => sample[scenario].keyReads)),
});

export const cryptoShreddingSection: Section = async ({ log }) => {
  const database = await startDynamoDbLocal({ port: await freePort() });
  let rounds: Awaited<ReturnType<typeof measure>>;
  try {
    rounds = await measure(database.client, log);
  } finally {
    await database.stop();
  }
  const results = scenarios.map((scenario) => {
    const shared = summarise(rounds.shared, scenario);
    const perPerson = summarise(rounds.perPerson, scenario);
    return { scenario, title: scenarioTitles[scenario], shared, perPerson, ratio: round(perPerson.ms / shared.ms, 1) };
  });
  const table = formatTable(
    [
      { header: 'Operation' },
      { header: 'Shared key ms', align: 'right' },
      { header: 'Per-person ms', align: 'right' },
      { header: 'Ratio', align: 'right' },
      { header: 'KMS calls shared / per person', align: 'right' },
      { header: 'Key-table reads', align: 'right' },
    ],
    results.map((r) => [r.title, fixed(r.shared.ms, 2), fixed(r.perPerson.ms, 2), `${fixed(r.ratio)}x`, `${r.shared.kmsCalls} / ${r.perPerson.kmsCalls}`, String(r.perPerson.keyReads)]),
  );
  return {
    lines: [
      `Crypto-shredding: a key per person (in a key table, wrapped by the data key) against the shared, cached data key; median of ${ROUNDS} rounds (informative)`,
      table,
      ...results.map((r) => `${r.title}: per-person keys ${fixed(r.ratio)}x`),
    ],
    targets: {},
    results: { cryptoShredding: results },
    meta: { cryptoShreddingRounds: ROUNDS, cryptoShreddingPeople: PEOPLE },
  };
};
