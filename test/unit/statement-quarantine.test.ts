import { describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { fixedClock } from '#shared/clock.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import { InvalidCursorError, NotFoundError } from '#shared/errors.ts';
import { ModerationConflictError, ModerationForbiddenError } from '#shared/moderation/domain/index.ts';
import { MAX_QUARANTINE_RELEASES, quarantineReleaseOf, type QuarantineRelease } from '#shared/moderation/domain/statement-submission.ts';
import type { PageRequest } from '#shared/moderation/store/page-key.ts';
import type { QuarantinedSubmission, StatementSubmission } from '#shared/moderation/store/statement-submissions.ts';
import { listQuarantinedStatements, releaseQuarantinedStatement } from '#shared/moderation/use-cases/statement-quarantine.ts';

/**
 * Moderators act on the statements the Transparency Database refused: they read each one's
 * errors (and nothing of the statement), and release it back to the ones to send, each release
 * keeping who, when and what the database had said.
 */

const now = new Date('2026-06-02T10:00:00.000Z');
const PUID = 'sor_01J0000000000000000000000A';
const moderator: Caller = { kind: 'person', sub: 'mod-ann', roles: ['moderator'], scopes: [] };
const comms: Caller = { kind: 'person', sub: 'comms-1', roles: ['comms'], scopes: [] };
const apiErrors = { content_date: ['Must be on or after 2000-01-01'] };
const earlier: QuarantineRelease = { releasedAt: '2026-06-01T12:00:00.000Z', releasedBy: 'mod-ben', quarantinedAt: '2026-06-01T09:00:00.000Z', apiErrors: { puid: ['x'] } };

const quarantined = (over: Partial<QuarantinedSubmission> = {}): QuarantinedSubmission => ({
  puid: PUID,
  status: 'quarantined',
  issuedAt: '2026-06-01T08:00:00.000Z',
  quarantinedAt: '2026-06-02T09:00:00.000Z',
  apiErrors,
  ...over,
});

/** A cursor "seal" that only keeps the scope apart: the real one is tested in cursor-seal.test.ts. */
const cursors: CursorSeal = {
  seal: async (payload, scope) => Buffer.from(JSON.stringify({ payload, scope })).toString('base64url'),
  open: async (cursor, scope) => {
    const sealed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { payload: string; scope: unknown };
    return JSON.stringify(sealed.scope) === JSON.stringify(scope) ? sealed.payload : undefined;
  },
};

/** One submission record in memory; `release` succeeds while it is quarantined, as the store's condition does. */
const portsWith = (record: StatementSubmission | undefined, options: { raceLost?: boolean } = {}) => {
  const released: Array<{ record: QuarantinedSubmission; release: QuarantineRelease }> = [];
  const pages: PageRequest[] = [];
  const statementSubmissions = {
    get: async () => record,
    release: async (read: QuarantinedSubmission, release: QuarantineRelease) => {
      if (options.raceLost) return false;
      released.push({ record: read, release });
      return true;
    },
    quarantined: async (page: PageRequest) => {
      pages.push(page);
      const items = record?.status === 'quarantined' ? [record] : [];
      return { items, lastKey: { pk: `SOR#${PUID}`, sk: 'SUBMISSION', duePk: 'SOR-SUBMIT#quarantined', dueSk: `x#${PUID}` } };
    },
  };
  return { ports: { store: { statementSubmissions }, clock: fixedClock(now), cursors }, released, pages };
};

describe('releasing a quarantined statement', () => {
  it('records who released it, when, and the errors of the quarantine it ends, after the earlier releases', async () => {
    // Prepare
    const { ports, released } = portsWith(quarantined({ releases: [earlier] }));

    // Act
    const answer = await releaseQuarantinedStatement(ports, moderator, PUID);

    // Assess
    const release = { releasedAt: now.toISOString(), releasedBy: 'mod-ann', quarantinedAt: '2026-06-02T09:00:00.000Z', apiErrors };
    expect(released).toEqual([{ record: quarantined({ releases: [earlier] }), release }]);
    expect(answer).toEqual({
      puid: PUID,
      status: 'pending',
      issuedAt: '2026-06-01T08:00:00.000Z',
      releases: [
        { releasedAt: earlier.releasedAt, releasedBy: 'mod-ben', quarantinedAt: earlier.quarantinedAt, errors: { puid: ['x'] } },
        { releasedAt: now.toISOString(), releasedBy: 'mod-ann', quarantinedAt: '2026-06-02T09:00:00.000Z', errors: apiErrors },
      ],
    });
  });

  it('keeps a statement released the most times allowed in quarantine (409 release-limit)', async () => {
    // Prepare
    const { ports, released } = portsWith(quarantined({ releases: Array.from({ length: MAX_QUARANTINE_RELEASES }, () => earlier) }));

    // Act
    const refusal = await releaseQuarantinedStatement(ports, moderator, PUID).catch((error: unknown) => error);

    // Assess
    expect(refusal).toBeInstanceOf(ModerationConflictError);
    expect(refusal).toMatchObject({ reason: 'release-limit' });
    expect(released).toEqual([]);
  });

  it('is for moderators and admins only', async () => {
    const { ports, released } = portsWith(quarantined());
    await expect(releaseQuarantinedStatement(ports, comms, PUID)).rejects.toThrow(ModerationForbiddenError);
    expect(released).toEqual([]);
  });

  it('answers not found for an unknown statement, and a conflict for one not quarantined or released meanwhile', async () => {
    // Act
    const outcomes = await Promise.allSettled([
      releaseQuarantinedStatement(portsWith(undefined).ports, moderator, PUID),
      releaseQuarantinedStatement(portsWith({ puid: PUID, status: 'pending', issuedAt: '2026-06-01T08:00:00.000Z' }).ports, moderator, PUID),
      releaseQuarantinedStatement(portsWith({ puid: PUID, status: 'submitted', issuedAt: '2026-06-01T08:00:00.000Z', submittedAt: now.toISOString() }).ports, moderator, PUID),
      releaseQuarantinedStatement(portsWith(quarantined(), { raceLost: true }).ports, moderator, PUID),
    ]);

    // Assess
    const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined));
    expect(reasons[0]).toBeInstanceOf(NotFoundError);
    for (const reason of reasons.slice(1)) expect(reason).toMatchObject({ name: 'ModerationConflictError', reason: 'not-quarantined' });
    expect(reasons[1]).toBeInstanceOf(ModerationConflictError);
  });

  it('keeps the quarantine as it was read', () => {
    expect(quarantineReleaseOf(quarantined(), 'mod-ann', now)).toEqual({
      releasedAt: '2026-06-02T10:00:00.000Z',
      releasedBy: 'mod-ann',
      quarantinedAt: '2026-06-02T09:00:00.000Z',
      apiErrors,
    });
  });
});

describe('the list of quarantined statements', () => {
  it('shows ids, times and the errors, nothing else of the record, with a cursor sealed for the caller and resuming in the quarantine only', async () => {
    // Prepare
    const { ports, pages } = portsWith({ ...quarantined(), internal: 'not for the view' } as QuarantinedSubmission);

    // Act
    const first = await listQuarantinedStatements(ports, moderator, { limit: 5 });
    const next = await listQuarantinedStatements(ports, moderator, { cursor: first.nextCursor! });
    const otherCaller = listQuarantinedStatements(ports, { ...moderator, sub: 'mod-ben' }, { cursor: first.nextCursor! });
    const pendingKey = { pk: `SOR#${PUID}`, sk: 'SUBMISSION', duePk: 'SOR-SUBMIT#pending', dueSk: `x#${PUID}` };
    const otherPartition = listQuarantinedStatements(ports, moderator, {
      cursor: await cursors.seal(JSON.stringify(pendingKey), { caller: 'mod-ann', list: 'statement-quarantine' }),
    });

    // Assess
    expect(first.items).toEqual([{ puid: PUID, issuedAt: '2026-06-01T08:00:00.000Z', quarantinedAt: '2026-06-02T09:00:00.000Z', errors: apiErrors, releases: [] }]);
    expect(pages[0]).toEqual({ limit: 5 });
    expect(pages[1]).toMatchObject({ limit: 20, after: { duePk: 'SOR-SUBMIT#quarantined' } });
    expect(next.items).toHaveLength(1);
    await expect(otherCaller).rejects.toThrow(InvalidCursorError);
    await expect(otherPartition).rejects.toThrow(InvalidCursorError);
  });

  it('is for moderators and admins only', async () => {
    await expect(listQuarantinedStatements(portsWith(quarantined()).ports, comms, {})).rejects.toThrow(ModerationForbiddenError);
  });
});
