import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PersonProfile, UserDirectory } from '#shared/notifications/use-cases/ports.ts';

/**
 * The local stack's user directory, in place of Cognito: a JSON file (`.local/users.json`) that
 * `npm run token -- --sub <id> --email <address> --locale <locale> --group <group>` fills in.
 * It is read on every call, so a person recorded while the stack runs is known at once.
 *
 * The file: `{ "people": [{ "sub": "u1", "email": "u1@example.com", "locale": "zh-CN", "groups": ["supervisors"] }] }`.
 * Its addresses count as verified (nobody is sent a verification email locally).
 */

export interface LocalPerson {
  sub: string;
  email?: string;
  /** As given (e.g. `zh-CN`, `zh_CN`): the notifications domain normalises it, as it does Cognito's. */
  locale?: string;
  groups?: string[];
  /** A staff member (given a staff role by the token CLI): not one of the people told by announcements. */
  staff?: boolean;
}

interface LocalDirectoryFile {
  people: LocalPerson[];
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isLocalPerson = (value: unknown): value is LocalPerson => {
  if (value === null || typeof value !== 'object') return false;
  const { sub, email, locale, groups, staff } = value as Record<string, unknown>;
  return (
    typeof sub === 'string' &&
    (staff === undefined || typeof staff === 'boolean') &&
    (email === undefined || typeof email === 'string') &&
    (locale === undefined || typeof locale === 'string') &&
    (groups === undefined || isStringArray(groups))
  );
};

/** The people of the file; nobody when there is no file yet. A file of another shape is an error naming the file. */
const readLocalPeople = (file: string): LocalPerson[] => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const people = (parsed as Partial<LocalDirectoryFile> | undefined)?.people;
  if (!Array.isArray(people) || !people.every(isLocalPerson)) {
    // The file's content is not quoted: it holds email addresses.
    throw new Error(`${file} is not a local user directory ({ "people": [{ "sub", "email", "locale", "groups" }] }); delete it and issue the tokens again`);
  }
  return people;
};

const LOCK_WAIT_MS = 5_000;
/** A lock older than this was left by a writer that died: it is taken over. */
const STALE_LOCK_MS = 10_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `update` holding `<file>.lock`, so that token CLIs run side by side (as tests do) lose nobody. */
const withLock = (file: string, update: () => void) => {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is held by another writer; delete it if none runs`);
      else sleep(20);
    }
  }
  try {
    update();
  } finally {
    rmSync(lock, { force: true });
  }
};

const writePerson = (file: string, person: LocalPerson) => {
  const people = readLocalPeople(file);
  const index = people.findIndex((known) => known.sub === person.sub);
  const given = Object.fromEntries(Object.entries(person).filter(([, value]) => value !== undefined)) as LocalPerson;
  const recorded = index === -1 ? given : { ...people[index], ...given };
  const next: LocalDirectoryFile = {
    people: index === -1 ? [...people, recorded] : people.map((known, i) => (i === index ? recorded : known)),
  };
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
};

/**
 * Records a person (by subject): the fields given replace the recorded ones, those not given are
 * kept, and every other person stays as they were. The file is replaced in one rename, so a reader
 * never sees half of it; mode 0600, as it holds email addresses.
 */
export const recordLocalPerson = (file: string, person: LocalPerson): void => {
  mkdirSync(dirname(file), { recursive: true });
  withLock(file, () => writePerson(file, person));
};

/** People per page of `peoplePage`, as Cognito's ListUsers gives at most. */
const LOCAL_PEOPLE_PAGE_SIZE = 60;

/**
 * The directory of the file. `pageSize` is how many people a page of `peoplePage` holds; its
 * token is the position of the page's first person in the file (people are appended, never moved).
 */
export const createLocalDirectory = (file: string, pageSize = LOCAL_PEOPLE_PAGE_SIZE): UserDirectory => ({
  profileOf: async (sub) => {
    const person = readLocalPeople(file).find((known) => known.sub === sub);
    if (!person) return undefined;
    const profile: PersonProfile = {};
    if (person.email) profile.email = person.email;
    if (person.locale) profile.locale = person.locale;
    return profile;
  },
  membersOf: async (group) =>
    readLocalPeople(file)
      .filter((person) => person.groups?.includes(group))
      .map((person) => person.sub),
  peoplePage: async (page) => {
    const people = readLocalPeople(file).filter((person) => !person.staff && (person.groups ?? []).length === 0);
    const from = page === undefined ? 0 : Number(page);
    const slice = people.slice(from, from + pageSize).map((person) => ({
      sub: person.sub,
      ...(person.email && { email: person.email }),
      ...(person.locale && { locale: person.locale }),
    }));
    const next = from + pageSize < people.length ? String(from + pageSize) : undefined;
    return { people: slice, ...(next !== undefined && { next }) };
  },
});
