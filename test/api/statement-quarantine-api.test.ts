import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { newId } from '#shared/ids.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import { http } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';

/**
 * The quarantine of the Transparency Database over HTTP, against the local server: moderators read
 * the statements it refused with its errors and release them; every answer is held to the OpenAPI
 * document by `http`.
 */

const QUARANTINE = '/v1/moderation/transparency-database/quarantine';
const releasePath = (puid: string) => `${QUARANTINE}/${puid}/release`;
const errors = { content_date: ['Must be on or after 2000-01-01'] };

/** A statement's submission record as the job leaves it when the database refuses it (the list reads the record only). */
const quarantinedStatement = async () => {
  const { document } = createDynamoClients();
  const submissions = createStatementSubmissionStore(document, createTable(document, tables.moderation.localName));
  const issuedAt = new Date();
  const puid = newId('sor', issuedAt);
  await createTable(document, tables.moderation.localName).transact([submissions.pendingItem({ puid, createdAt: issuedAt.toISOString() })]);
  await submissions.quarantine(puid, new Date(), errors);
  return puid;
};

/** Every page of the quarantine, as `token` reads it. */
const everyQuarantined = async (token: string) => {
  const items: Array<{ puid: string }> = [];
  let cursor: string | null = null;
  do {
    const page = await http('GET', `${QUARANTINE}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
};

describe('the quarantine of the Transparency Database over HTTP', () => {
  it('lists quarantined statements with their errors, page by page, and releases one once', async () => {
    // Prepare
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    const admin = await tokenFor(`admin-${randomUUID()}`, 'admin');
    const [first, second, third] = [await quarantinedStatement(), await quarantinedStatement(), await quarantinedStatement()];

    // Act
    const listed = await everyQuarantined(moderator);
    const released = await http('POST', releasePath(second!), { token: admin });
    const releasedTwice = await http('POST', releasePath(second!), { token: moderator });
    const afterRelease = await everyQuarantined(moderator);

    // Assess
    const puids = listed.map((item) => item.puid);
    expect(puids.filter((puid) => [first, second, third].includes(puid))).toEqual([first, second, third]);
    expect(listed.find((item) => item.puid === first)).toMatchObject({ errors, releases: [] });
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ puid: second, status: 'pending', releases: [{ errors }] });
    expect([releasedTwice.status, releasedTwice.json.type]).toEqual([409, 'urn:user-protection:problem:not-quarantined']);
    expect(afterRelease.map((item) => item.puid)).not.toContain(second);
  });

  it('answers 404 for an unknown statement and 400 for a malformed puid or page size', async () => {
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    const answers = await Promise.all([
      http('POST', releasePath(newId('sor')), { token: moderator }),
      http('POST', releasePath('sor_not-a-puid'), { token: moderator }),
      http('GET', `${QUARANTINE}?limit=0`, { token: moderator }),
      http('GET', `${QUARANTINE}?cursor=forged`, { token: moderator }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 400, 400, 400]);
  });

  it('refuses callers without a token (401), people other than moderators and admins, and platform clients (403)', async () => {
    // Prepare
    const puid = await quarantinedStatement();
    const [user, agent, comms, security, platform] = await Promise.all([
      tokenFor(`user-${randomUUID()}`),
      tokenFor(`agent-${randomUUID()}`, 'agent'),
      tokenFor(`comms-${randomUUID()}`, 'comms'),
      tokenFor(`sec-${randomUUID()}`, 'security'),
      machineTokenFor('contentPlatform'),
    ]);

    // Act
    const answers = await Promise.all([
      http('GET', QUARANTINE),
      http('POST', releasePath(puid)),
      ...[user, agent, comms, security, platform].flatMap((token) => [http('GET', QUARANTINE, { token }), http('POST', releasePath(puid), { token })]),
    ]);

    // Assess: nothing was released by the refused callers.
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, ...Array(10).fill(403)]);
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    expect((await http('POST', releasePath(puid), { token: moderator })).status).toBe(200);
  });
});
