import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes, type Role } from '#infra/manifest.ts';
import { createTable } from '#shared/aws/table.ts';
import { fixedClock } from '#shared/clock.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import { createModerationHarness, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * Every trust-and-safety route against every role, the content platform's client, a client
 * without its scope, and (on the one public route) no token at all: each with the answer it must
 * get once the gateway let the request through. The gateway's own checks (401 without a token,
 * 403 without the route's scope) are tested over HTTP in test/api.
 *
 * "owner" is the user the object belongs to (the reporter of a notice, the account a statement
 * restricts, the appellant); "user" is any other user.
 */

type CallerName =
  | 'owner'
  | 'user'
  | 'trusted_flagger'
  | 'agent'
  | 'moderator'
  | 'security'
  | 'comms'
  | 'admin'
  | 'contentPlatform'
  | 'clientWithoutScope'
  | 'noToken';
const personNames = ['owner', 'user', 'trusted_flagger', 'agent', 'moderator', 'security', 'comms', 'admin'] as const;
const tokenCallers: CallerName[] = [...personNames, 'contentPlatform', 'clientWithoutScope'];
const machines = {
  contentPlatform: {
    clientId: 'content-platform',
    scopes: ['user-protection/content.review', 'user-protection/moderation.enforcement'],
  },
  clientWithoutScope: { clientId: 'social-integration', scopes: ['user-protection/complaints.intake.social'] },
};

/** What a route needs to exist before the call: ids for its path, a body, a query. */
interface Fixture {
  ownerSub: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Where the call comes from, for the routes limited per source address. */
  sourceIp?: string;
}

interface RouteCase {
  route: string;
  /** Prepares the objects the call acts on; gets the caller's identity, as some fixtures depend on it. */
  prepare: (h: ModerationHarness, caller: Identity) => Promise<Fixture>;
  expected: Partial<Record<CallerName, number>>;
}

type Identity = { caller: { sub: string; role: Role } } | { machine: { clientId: string; scopes: string[] } } | Record<string, never>;

const clock = fixedClock('2026-05-04T10:00:00.000Z');
const today = clock.now().toISOString().slice(0, 10);
const uid = () => randomUUID().slice(0, 8);
const mod = (sub: string) => ({ caller: { sub, role: 'moderator' as const } });

const noticeBody = (contentId: string) => ({
  contentId,
  contentUrl: `https://platform.example/p/${contentId}`,
  category: 'fraud_or_scam',
  explanation: 'Asks for the card number to release a prize.',
  goodFaith: true,
});
const removal = (affectedAccountId: string) => ({
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post asks for card details under a false pretext.',
  facts: 'The post asks for card details to release a prize that does not exist.',
  contentType: 'text',
  affectedAccountId,
});

/** A notice by `reporterSub`, triaged as the reports consumer does. */
const fileNotice = async (h: ModerationHarness, reporterSub: string) => {
  const contentId = `post-${uid()}`;
  const filed = await h.invoke({ routeKey: 'POST /v1/reports', caller: { sub: reporterSub, role: 'user' }, body: noticeBody(contentId) });
  await h.triageNotice(filed.body!.id);
  const cases = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...mod('mod-lister'), query: { limit: '100' } });
  const found = (cases.body!.items as Array<{ id: string; contentId: string }>).find((c) => c.contentId === contentId)!;
  return { noticeId: filed.body!.id as string, caseId: found.id };
};

/** A case decided by "mod-decider": the content removed, `affected`'s account restricted by it. */
const decidedCase = async (h: ModerationHarness, affected: string) => {
  const { caseId, noticeId } = await fileNotice(h, `reporter-${uid()}`);
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...mod('mod-decider'), pathParameters: { id: caseId } });
  const decided = await h.invoke({
    routeKey: 'POST /v1/moderation/cases/{id}/decision',
    ...mod('mod-decider'),
    pathParameters: { id: caseId },
    body: removal(affected),
  });
  return { caseId, noticeId, puid: decided.body!.statementId as string };
};

const appealed = async (h: ModerationHarness, owner: string) => {
  const { caseId } = await decidedCase(h, owner);
  const appeal = await h.invoke({
    routeKey: 'POST /v1/appeals',
    caller: { sub: owner, role: 'user' },
    body: { caseId, explanation: 'The prize is real; here is the proof.' },
  });
  return appeal.body!.id as string;
};

/** A notice filed without an account (from an address of its own), triaged; with `noAction`, decided so by "mod-decider". */
const anonymousNotice = async (h: ModerationHarness, options: { noAction: boolean }) => {
  const sourceIp = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
  const contentId = `post-${uid()}`;
  const filed = await h.invoke({
    routeKey: 'POST /v1/reports/anonymous',
    body: { ...noticeBody(contentId), contactEmail: `n-${uid()}@example.com` },
    sourceIp,
  });
  await h.triageNotice(filed.body!.id);
  if (options.noAction) {
    const cases = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...mod('mod-lister'), query: { limit: '100' } });
    const caseId = (cases.body!.items as Array<{ id: string; contentId: string }>).find((c) => c.contentId === contentId)!.id;
    await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...mod('mod-decider'), pathParameters: { id: caseId } });
    await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...mod('mod-decider'), pathParameters: { id: caseId }, body: { action: 'no_action' } });
  }
  return { noticeId: filed.body!.id as string, headers: { 'x-follow-up-token': filed.body!.followUpToken as string }, sourceIp };
};

const blocklistEntry = async (h: ModerationHarness) => {
  const added = await h.invoke({
    routeKey: 'POST /v1/moderation/blocklists/{kind}',
    ...mod('mod-lists'),
    pathParameters: { kind: 'url' },
    body: { value: `https://scam-${uid()}.example/win`, reason: 'Phishing page' },
  });
  return added.body!.id as string;
};

const submitted = async (h: ModerationHarness) => {
  const review = await h.invoke({
    routeKey: 'POST /v1/content-reviews',
    machine: machines.contentPlatform,
    body: { contentId: `post-${uid()}`, contentType: 'text', text: 'Hand-made mugs, 20% off.', authorRef: 'author-1' },
  });
  return review.body!.id as string;
};

/** The statement of a decided case, as the Transparency Database would quarantine it; its puid. */
const quarantinedStatement = async (h: ModerationHarness): Promise<string> => {
  const { puid } = await decidedCase(h, `owner-${uid()}`);
  const submissions = createStatementSubmissionStore(h.document, createTable(h.document, h.tableNames.moderation));
  await submissions.quarantine(puid, clock.now(), { content_date: ['Must be on or after 2000-01-01'] });
  return puid;
};

/** An order of a Member State's authority, as a moderator records it (received a day before the clock's now). */
const authorityOrderBody = () => ({
  type: 'act',
  memberState: 'FR',
  authority: 'Tribunal judiciaire de Paris',
  category: 'fraud_or_scam',
  receivedAt: '2026-05-03T10:00:00Z',
  reference: `RG ${uid()}`,
});
const authorityOrder = async (h: ModerationHarness, confirmed: boolean): Promise<string> => {
  const recorded = await h.invoke({ routeKey: 'POST /v1/moderation/authority-orders', ...mod('mod-registrar'), body: authorityOrderBody() });
  const id = recorded.body?.id as string;
  if (confirmed) await h.invoke({ routeKey: 'POST /v1/moderation/authority-orders/{id}/confirmation', ...mod('mod-registrar'), pathParameters: { id }, body: {} });
  return id;
};

/** Who may do what, spelled out per route. */
const persons = (status: number) => Object.fromEntries(personNames.map((name) => [name, status])) as Record<(typeof personNames)[number], number>;
const noMachines = { contentPlatform: 403, clientWithoutScope: 403 };
const anyPerson = (status: number) => ({ ...persons(status), ...noMachines });
const moderatorsOnly = (status: number) => ({ ...persons(403), moderator: status, admin: status, ...noMachines });
const platformOnly = (status: number) => ({ ...persons(403), contentPlatform: status, clientWithoutScope: 403 });
/** Objects of one person: theirs and moderators' to see; for anyone else they do not exist. */
const ownerAndModerators = (status: number) => ({ ...persons(404), owner: status, moderator: status, admin: status, ...noMachines });

const table: RouteCase[] = [
  {
    route: 'POST /v1/reports',
    prepare: async () => ({ ownerSub: `owner-${uid()}`, body: noticeBody(`post-${uid()}`) }),
    // Every person may notify, staff included (DSA Art. 16: anyone); services may not.
    expected: anyPerson(202),
  },
  {
    route: 'POST /v1/reports/anonymous',
    prepare: async () => ({ ownerSub: `owner-${uid()}`, body: { ...noticeBody(`post-${uid()}`), contactEmail: `n-${uid()}@example.com` } }),
    // Public: the function ignores whatever token came along.
    expected: { ...persons(202), contentPlatform: 202, clientWithoutScope: 202, noToken: 202 },
  },
  { route: 'GET /v1/reports', prepare: async () => ({ ownerSub: `owner-${uid()}` }), expected: anyPerson(200) },
  {
    route: 'GET /v1/reports/{id}',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { noticeId } = await fileNotice(h, ownerSub);
      return { ownerSub, pathParameters: { id: noticeId } };
    },
    expected: ownerAndModerators(200),
  },
  { route: 'GET /v1/moderation/cases', prepare: async () => ({ ownerSub: `owner-${uid()}` }), expected: moderatorsOnly(200) },
  {
    route: 'GET /v1/moderation/cases/{id}',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { caseId } = await fileNotice(h, ownerSub);
      return { ownerSub, pathParameters: { id: caseId } };
    },
    // Even the reporter sees the case only through their notice: the case holds others' notices.
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/moderation/cases/{id}/claim',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { caseId } = await fileNotice(h, ownerSub);
      return { ownerSub, pathParameters: { id: caseId } };
    },
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/moderation/cases/{id}/decision',
    prepare: async (h, identity) => {
      const ownerSub = `owner-${uid()}`;
      const { caseId } = await fileNotice(h, ownerSub);
      // The caller claims first, as a moderator must; for everyone else the claim is refused too.
      await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...identity, pathParameters: { id: caseId } } as never);
      return { ownerSub, pathParameters: { id: caseId }, body: removal(ownerSub) };
    },
    expected: moderatorsOnly(200),
  },
  {
    route: 'GET /v1/statements/{puid}',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { puid } = await decidedCase(h, ownerSub);
      return { ownerSub, pathParameters: { puid } };
    },
    // The affected account and the staff who decide and report; to anyone else it does not exist.
    expected: { ...persons(404), owner: 200, moderator: 200, admin: 200, comms: 200, ...noMachines },
  },
  {
    route: 'GET /v1/transparency/statements',
    prepare: async () => ({ ownerSub: `owner-${uid()}`, query: { date: today } }),
    expected: { ...persons(403), moderator: 200, admin: 200, comms: 200, ...noMachines },
  },
  {
    route: 'POST /v1/appeals',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { caseId } = await decidedCase(h, ownerSub);
      return { ownerSub, body: { caseId, explanation: 'The prize is real; here is the proof.' } };
    },
    // Only the restricted account (or a reporter, against no action) has a decision to appeal.
    expected: { ...persons(404), owner: 201, ...noMachines },
  },
  {
    route: 'GET /v1/appeals/{id}',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      return { ownerSub, pathParameters: { id: await appealed(h, ownerSub) } };
    },
    expected: ownerAndModerators(200),
  },
  { route: 'GET /v1/moderation/appeals', prepare: async () => ({ ownerSub: `owner-${uid()}` }), expected: moderatorsOnly(200) },
  {
    route: 'POST /v1/moderation/appeals/{id}/decision',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const id = await appealed(h, ownerSub);
      return { ownerSub, pathParameters: { id }, body: { outcome: 'upheld', explanation: 'The prize does not exist.' } };
    },
    expected: moderatorsOnly(200),
  },
  { route: 'GET /v1/rewards/me', prepare: async () => ({ ownerSub: `owner-${uid()}` }), expected: anyPerson(200) },
  {
    route: 'GET /v1/moderation/blocklists/{kind}',
    prepare: async () => ({ ownerSub: `owner-${uid()}`, pathParameters: { kind: 'url' } }),
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/moderation/blocklists/{kind}',
    prepare: async () => ({
      ownerSub: `owner-${uid()}`,
      pathParameters: { kind: 'url' },
      body: { value: `https://scam-${uid()}.example/win`, reason: 'Phishing page' },
    }),
    expected: moderatorsOnly(201),
  },
  {
    route: 'DELETE /v1/moderation/blocklists/{kind}/{entryId}',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { kind: 'url', entryId: await blocklistEntry(h) } }),
    expected: moderatorsOnly(204),
  },
  {
    route: 'GET /v1/figures/moderation',
    prepare: async () => ({ ownerSub: `owner-${uid()}` }),
    expected: { ...persons(403), moderator: 200, admin: 200, comms: 200, ...noMachines },
  },
  {
    route: 'POST /v1/moderation/authority-orders',
    prepare: async () => ({ ownerSub: `owner-${uid()}`, body: authorityOrderBody() }),
    expected: moderatorsOnly(201),
  },
  { route: 'GET /v1/moderation/authority-orders', prepare: async () => ({ ownerSub: `owner-${uid()}` }), expected: { ...persons(403), moderator: 200, admin: 200, comms: 200, ...noMachines } },
  {
    route: 'GET /v1/moderation/authority-orders/{id}',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { id: await authorityOrder(h, false) } }),
    expected: { ...persons(403), moderator: 200, admin: 200, comms: 200, ...noMachines },
  },
  {
    route: 'POST /v1/moderation/authority-orders/{id}/confirmation',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { id: await authorityOrder(h, false) }, body: {} }),
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/moderation/authority-orders/{id}/effect',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { id: await authorityOrder(h, true) }, body: {} }),
    expected: moderatorsOnly(200),
  },
  {
    route: 'GET /v1/moderation/transparency-database/quarantine',
    prepare: async () => ({ ownerSub: `owner-${uid()}` }),
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/moderation/transparency-database/quarantine/{puid}/release',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { puid: await quarantinedStatement(h) } }),
    expected: moderatorsOnly(200),
  },
  {
    route: 'POST /v1/content-reviews',
    prepare: async () => ({
      ownerSub: `owner-${uid()}`,
      body: { contentId: `post-${uid()}`, contentType: 'text', text: 'Hand-made mugs, 20% off.', authorRef: 'author-1' },
    }),
    expected: platformOnly(202),
  },
  {
    route: 'GET /v1/content-reviews/{id}',
    prepare: async (h) => ({ ownerSub: `owner-${uid()}`, pathParameters: { id: await submitted(h) } }),
    expected: platformOnly(200),
  },
  {
    route: 'GET /v1/enforcement/statements/{puid}',
    prepare: async (h) => {
      const ownerSub = `owner-${uid()}`;
      const { puid } = await decidedCase(h, ownerSub);
      return { ownerSub, pathParameters: { puid } };
    },
    // Only the platform enforces measures; not even the affected account reads this view.
    expected: platformOnly(200),
  },
  {
    route: 'GET /v1/reports/anonymous/{id}',
    prepare: async (h) => {
      const { noticeId, headers, sourceIp } = await anonymousNotice(h, { noAction: false });
      return { ownerSub: `owner-${uid()}`, pathParameters: { id: noticeId }, headers, sourceIp };
    },
    // Public: the follow-up token is the authorisation, whatever bearer token came along.
    expected: { ...persons(200), contentPlatform: 200, clientWithoutScope: 200, noToken: 200 },
  },
  {
    route: 'POST /v1/appeals/anonymous',
    prepare: async (h) => {
      const { noticeId, headers, sourceIp } = await anonymousNotice(h, { noAction: true });
      return { ownerSub: `owner-${uid()}`, body: { noticeId, explanation: 'The prize is fake: nobody ever got one.' }, headers, sourceIp };
    },
    expected: { ...persons(201), contentPlatform: 201, clientWithoutScope: 201, noToken: 201 },
  },
];

let h: ModerationHarness;
beforeAll(async () => {
  // Queue consumers are not polled: fixtures triage their notices as the consumer does, at once.
  h = await createModerationHarness({ clock, poll: false });
});
afterAll(async () => {
  await h.stop();
});

describe('authorisation: every trust-and-safety route against every caller', () => {
  it('covers every route of the moderation function, and every caller on each', () => {
    // Act
    const covered = table.map((c) => c.route).sort();

    // Assess
    expect(covered).toEqual(routes.filter((r) => r.function === 'moderation').map(routeKey).sort());
    for (const routeCase of table) {
      const isPublic = routes.find((r) => routeKey(r) === routeCase.route)?.caller === 'public';
      const callers = isPublic ? [...tokenCallers, 'noToken'] : tokenCallers;
      expect(Object.keys(routeCase.expected).sort(), routeCase.route).toEqual([...callers].sort());
    }
  });

  const cases = table.flatMap((routeCase) =>
    (Object.entries(routeCase.expected) as Array<[CallerName, number]>).map(([caller, status]) => ({ ...routeCase, caller, status })),
  );

  it.each(cases)('$route as $caller answers $status', async ({ route, caller, status, prepare }) => {
    // Prepare
    const identityOf = (ownerSub: string): Identity => {
      if (caller === 'noToken') return {};
      if (caller === 'contentPlatform' || caller === 'clientWithoutScope') return { machine: machines[caller] };
      if (caller === 'owner') return { caller: { sub: ownerSub, role: 'user' } };
      return { caller: { sub: `${caller}-${uid()}`, role: caller as Role } };
    };
    // The caller's identity is fixed before the fixture, except the owner, whom the fixture names.
    const provisional = identityOf(`pending-${uid()}`);
    const fixture = await prepare(h, provisional);
    const identity = caller === 'owner' ? identityOf(fixture.ownerSub) : provisional;

    // Act
    const answer = await h.invoke({
      routeKey: route,
      ...identity,
      ...(fixture.pathParameters && { pathParameters: fixture.pathParameters }),
      ...(fixture.body !== undefined && { body: fixture.body }),
      ...(fixture.query && { query: fixture.query }),
      // Staff say why they read (the reason's own rules are tested in access-log.test.ts).
      headers: { 'x-access-reason': 'authorisation matrix', ...fixture.headers },
      ...(fixture.sourceIp && { sourceIp: fixture.sourceIp }),
    } as never);

    // Assess
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    if (status >= 400) expect(answer.headers['content-type']).toBe('application/problem+json');
    // A refusal never shows the object: no explanation, no statement facts.
    if (status === 403 || status === 404) expect(JSON.stringify(answer.body)).not.toMatch(/card|prize|Phishing/);
  });
});
