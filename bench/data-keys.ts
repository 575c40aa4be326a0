import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { tables } from '#infra/manifest.ts';
import { systemClock } from '#shared/clock.ts';
import { complaintDecisions } from '#shared/customer-service/domain/decisions.ts';
import { slaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { createComplaintStore } from '#shared/customer-service/store/complaint-store.ts';
import { fileComplaint } from '#shared/customer-service/use-cases/file-complaint.ts';
import { getComplaint } from '#shared/customer-service/use-cases/get-complaint.ts';
import { createOutbox } from '#shared/events/outbox.ts';
import { localPseudonymizer } from '#shared/crypto/pseudonym.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { LOCAL_KEY_BYTES, localKeyringFromBytes } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, defaultCachePolicy, type DataKeyCachePolicy } from '#shared/crypto/personal-data.ts';
import { CountingKeyring } from '../test/support/counting-keyring.ts';
import type { CreateComplaintRequest } from '#shared/customer-service/http/schemas.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import type { ComplaintFixture } from './fixtures.ts';
import { memoryDocumentClient } from './memory-table.ts';
import { median, round } from './stats.ts';

export interface KeyUse {
  operations: number;
  wraps: number;
  unwraps: number;
  /** Wall time for all operations; the median when repetitions are merged. */
  ms: number;
  /** Every repetition's wall time, when repetitions are merged. */
  msSamples?: number[];
}

export interface CacheModeResult {
  mode: string;
  /** The policy in force; `caching on` uses the default, as the complaints function does. */
  cache: DataKeyCachePolicy | false;
  writes: KeyUse;
  /** Read back by the container that wrote (its cache is warm from its own writes). */
  readsSameContainer: KeyUse;
  /** Read back by a new cipher: another Lambda container, with an empty cache. */
  readsFreshContainer: KeyUse;
}

export const cacheModes = [
  { mode: 'caching on', cache: undefined },
  { mode: 'caching off', cache: false },
] as const satisfies readonly { mode: string; cache: DataKeyCachePolicy | false | undefined }[];

/** What one Lambda container holds: its cipher (and data-key cache) and the service over it. */
const container = (key: Uint8Array, cache: DataKeyCachePolicy | false | undefined, db: ReturnType<typeof memoryDocumentClient>) => {
  const keyring = new CountingKeyring(localKeyringFromBytes(key));
  const cipher = createPersonalDataCipher({ keyring, stage: 'local', ...(cache !== undefined && { cache }) });
  const figures = createFiguresStore(db.client, tables.figures.localName, 'bench');
  const ports = {
    complaints: createComplaintStore({ db: db.client, tableName: tables.complaints.localName, figures }),
    cipher,
    figures,
    clock: systemClock,
    policy: slaPolicy,
    decisions: complaintDecisions(slaPolicy),
    // Neither is used on the paths measured (account filings and reads publish only `received`).
    pseudonyms: localPseudonymizer(key),
    // The reads measured are the owners' own: no staff read is recorded.
    accessLog: { record: async () => undefined },
    outbox: createOutbox({ db: db.client, tableName: tables.complaints.localName }),
  };
  const service = {
    // The fixtures' callers are people, as the API handler admits them.
    fileComplaint: (caller: Caller, input: CreateComplaintRequest) => fileComplaint(ports, caller as PersonCaller, input),
    getComplaint: (caller: Caller, id: string) => getComplaint(ports, caller as PersonCaller, id),
  };
  return { keyring, service };
};

/** Runs `operation` once per item, one at a time (a container serves one request at a time). */
const counted = async <T>(
  keyring: CountingKeyring,
  items: readonly T[],
  operation: (item: T) => Promise<void>,
): Promise<KeyUse> => {
  const before = { wraps: keyring.wraps, unwraps: keyring.unwraps };
  const start = performance.now();
  for (const item of items) await operation(item);
  return {
    operations: items.length,
    wraps: keyring.wraps - before.wraps,
    unwraps: keyring.unwraps - before.unwraps,
    ms: round(performance.now() - start, 2),
  };
};

/** Files every fixture as a complaint, then reads each back in the same and in a fresh container. */
export const measureCacheMode = async (
  fixtures: readonly ComplaintFixture[],
  { mode, cache }: (typeof cacheModes)[number],
): Promise<CacheModeResult> => {
  const key = randomBytes(LOCAL_KEY_BYTES);
  const db = memoryDocumentClient();
  const writer = container(key, cache, db);
  const filed: { fixture: ComplaintFixture; id: string }[] = [];

  const writes = await counted(writer.keyring, fixtures, async (fixture) => {
    const { id } = await writer.service.fileComplaint(fixture.caller, fixture.input);
    filed.push({ fixture, id });
  });
  if (new Set(filed.map((f) => f.id)).size !== fixtures.length || db.complaints().length !== fixtures.length) {
    throw new Error('Expected one stored complaint per fixture, each with its own id');
  }

  const readAll = (reader: ReturnType<typeof container>) =>
    counted(reader.keyring, filed, async ({ fixture, id }) => {
      const view = await reader.service.getComplaint(fixture.caller, id);
      // A read that decrypts the wrong payload must not count as a read.
      if (view.description !== fixture.input.description) throw new Error(`Complaint ${id} did not round-trip`);
    });

  const readsSameContainer = await readAll(writer);
  const readsFreshContainer = await readAll(container(key, cache, db));
  return { mode, cache: cache ?? defaultCachePolicy, writes, readsSameContainer, readsFreshContainer };
};

const operations = ['writes', 'readsSameContainer', 'readsFreshContainer'] as const;

/**
 * Merges repetitions of one mode: the counts must be identical (they depend on the cache
 * policy, not on timing), the time is the median, so one noisy repetition cannot skew it.
 */
export const mergeRepetitions = (repetitions: readonly CacheModeResult[]): CacheModeResult => {
  const [first, ...rest] = repetitions;
  if (!first) throw new Error('No repetitions to merge');
  const merged = { ...first };
  for (const operation of operations) {
    const uses = repetitions.map((r) => r[operation]);
    const counts = ({ operations, wraps, unwraps }: KeyUse) => ({ operations, wraps, unwraps });
    if (rest.some((r) => !isDeepStrictEqual(counts(r[operation]), counts(first[operation])))) {
      throw new Error(`${first.mode}: ${operation} counted differently across repetitions`);
    }
    const msSamples = uses.map((u) => u.ms);
    merged[operation] = { ...counts(first[operation]), ms: median(msSamples), msSamples };
  }
  return merged;
};
