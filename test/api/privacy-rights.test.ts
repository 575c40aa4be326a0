import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { CommitmentPolicy } from '@aws-crypto/material-management-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPaths, REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { startChildStack } from '../support/child-stack.ts';
import { contractViolations } from '../support/contract.ts';

/**
 * People's rights over their data, from outside: over HTTP and `npm run job` on the local stack, a
 * person with a complaint (resolved, its survey answered), a notice, an appeal and notifications
 * asks for a copy and gets each of them decrypted and nothing of another person's; then asks for
 * erasure, and after the cooling-off (the job's `--now`) no local table holds any of their marker
 * strings or a ciphertext of theirs that still opens, except the appeal still open, which is kept
 * and named with its reason; the figures do not move. Another person and staff without the
 * privacy role can neither read nor act on the requests.
 */

const run = promisify(execFile);
const HOUR_MS = 3_600_000;
const { decrypt } = buildDecrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

let root: string;
let stack: Awaited<ReturnType<typeof startChildStack>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'upp-privacy-rights-'));
  stack = await startChildStack(root);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

const cli = async (script: string, args: string[]) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPOSITORY_ROOT, env: { ...process.env, LOCAL_STACK_ROOT: root } });
  return stdout.trim();
};

/** `npm run token -- --sub <sub> --role <role>` for the test's own stack. */
const tokenFor = (sub: string, role = 'user') => cli('infra/local/token-cli.ts', ['--sub', sub, '--role', role]);

/** `npm run job -- <job> [--now <time>]` against the test's own stack, as a separate process. */
const runJob = async (job: string, now?: Date) => JSON.parse(await cli('infra/local/job-cli.ts', [job, ...(now ? ['--now', now.toISOString()] : [])])) as Record<string, unknown>;

/** One request to the test's stack, its answer held to the OpenAPI document. */
const http = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const response = await fetch(`${stack.endpoints.api}${path}`, {
    method,
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer = { status: response.status, headers: response.headers, text, json };
  expect(contractViolations({ method, path }, answer)).toEqual([]);
  return answer;
};

const eventually = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** Every item of every table of the local stack, as JSON text, and the plaintext of every blob that still opens. */
const everything = async () => {
  const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
  const document = DynamoDBDocumentClient.from(client);
  const keyring = keyringFor({ kind: 'local', keyFile: localPaths(root).dataKey });
  const names = (await client.send(new ListTablesCommand({ Limit: 100 }))).TableNames ?? [];
  const texts: string[] = [];
  const opened: string[] = [];
  const blobsOf = (value: unknown): Uint8Array[] => {
    if (value instanceof Uint8Array) return [value];
    if (Array.isArray(value)) return value.flatMap(blobsOf);
    if (value && typeof value === 'object') return Object.values(value).flatMap(blobsOf);
    return [];
  };
  for (const TableName of names) {
    for await (const page of paginateScan({ client: document }, { TableName })) {
      for (const item of page.Items ?? []) {
        texts.push(JSON.stringify(item));
        for (const blob of blobsOf(item)) {
          try {
            opened.push((await decrypt(keyring, Buffer.from(blob))).plaintext.toString('utf8'));
          } catch {
            // Not a message this key opens (a cursor key, another stage's data): nothing of anyone's.
          }
        }
      }
    }
  }
  return { text: texts.join('\n'), opened };
};

/** A person's marker strings, one per place their data goes. */
const markersOf = (name: string) => {
  const tag = `${name}-${randomUUID().slice(0, 8)}`;
  return {
    complaint: `MARKER-${tag}-complaint`,
    email: `marker-${tag}@example.org`.toLowerCase(),
    message: `MARKER-${tag}-message`,
    notice: `MARKER-${tag}-notice`,
    survey: `MARKER-${tag}-survey`,
    appeal: `HELD-${tag}-appeal`,
  };
};

/** A person with a complaint (answered, resolved, its survey answered), a notice and an open appeal on its decision. */
const personWithData = async (name: string, staff: { agent: string; moderator: string }) => {
  const sub = `${name}-${randomUUID().slice(0, 8)}`;
  const token = await tokenFor(sub);
  const markers = markersOf(name);
  const filed = await http('POST', '/v1/complaints', {
    token,
    body: { channel: 'app', category: 'billing', subject: 'Refund', description: markers.complaint, contact: { email: markers.email } },
  });
  expect(filed.status).toBe(201);
  const complaintId = filed.json.id as string;
  await http('POST', `/v1/complaints/${complaintId}/messages`, { token, body: { body: markers.message } });
  await http('POST', `/v1/complaints/${complaintId}/messages`, { token: staff.agent, body: { body: 'Refunded today.' } });
  await http('POST', `/v1/complaints/${complaintId}/status`, { token: staff.agent, body: { status: 'resolved' } });
  const survey = await eventually(async () => {
    const current = await http('GET', '/v1/surveys/current', { token });
    return current.json.surveys.find((s: { complaintId?: string }) => s.complaintId === complaintId);
  }, 'the post-resolution survey');
  const answered = await http('PUT', `/v1/surveys/${survey.id}/response`, { token, body: { answers: { satisfaction: 4, comment: markers.survey } } });
  expect(answered.status).toBe(201);

  const contentId = `privacy-${randomUUID().slice(0, 8)}`;
  const notice = await http('POST', '/v1/reports', {
    token,
    body: { contentId, contentUrl: `https://platform.example/p/${contentId}`, category: 'fraud_or_scam', explanation: markers.notice, goodFaith: true },
  });
  expect(notice.status).toBe(202);
  const caseId = await eventually(async () => {
    const listed = await http('GET', '/v1/moderation/cases?limit=100', { token: staff.moderator });
    return listed.json.items.find((c: { contentId: string }) => c.contentId === contentId)?.id as string | undefined;
  }, 'the reports consumer');
  await http('POST', `/v1/moderation/cases/${caseId}/claim`, { token: staff.moderator });
  await http('POST', `/v1/moderation/cases/${caseId}/decision`, { token: staff.moderator, body: { action: 'no_action' } });
  const appeal = await http('POST', '/v1/appeals', { token, body: { caseId, explanation: markers.appeal } });
  expect(appeal.status).toBe(201);
  await eventually(async () => ((await http('GET', '/v1/me/notifications', { token })).json.items.length > 0 ? true : undefined), 'a notification');
  return { sub, token, markers, complaintId, appealId: appeal.json.id as string };
};

describe("a person's rights over their data, from outside", () => {
  it('exports everything of theirs and nothing of another’s, erases it after the cooling-off but what is held, and lets nobody else act', async () => {
    // Prepare
    const staff = {
      agent: await tokenFor(`agent-${randomUUID().slice(0, 8)}`, 'agent'),
      moderator: await tokenFor(`mod-${randomUUID().slice(0, 8)}`, 'moderator'),
    };
    const privacyStaff = await tokenFor(`dpo-${randomUUID().slice(0, 8)}`, 'privacy');
    const [pat, quinn] = [await personWithData('pat', staff), await personWithData('quinn', staff)];
    const figures = async () => ({
      customerService: (await http('GET', '/v1/figures/customer-service', { token: staff.agent })).json,
    });

    // Act 1: the copy.
    const asked = await http('POST', '/v1/me/data-exports', { token: pat.token });
    const askedAgain = await http('POST', '/v1/me/data-exports', { token: pat.token });
    await runJob('privacy-requests');
    const exportId = asked.json.id as string;
    const archive = await http('GET', `/v1/me/data-exports/${exportId}/archive`, { token: pat.token });
    const byQuinn = await http('GET', `/v1/me/data-exports/${exportId}/archive`, { token: quinn.token });
    const byAgent = await http('GET', `/v1/me/data-exports/${exportId}`, { token: staff.agent });

    // Assess 1
    expect(asked.status).toBe(202);
    expect(askedAgain.status).toBe(200);
    expect(askedAgain.json.id).toBe(exportId);
    expect(archive.status).toBe(200);
    for (const marker of Object.values(pat.markers)) expect(archive.text).toContain(marker);
    for (const marker of Object.values(quinn.markers)) expect(archive.text).not.toContain(marker);
    expect(Object.keys(archive.json.sections)).toEqual(expect.arrayContaining(['customer-service', 'moderation', 'surveys', 'notifications', 'transparency', 'access-log', 'privacy']));
    expect(byQuinn.status).toBe(404);
    expect(byAgent.status).toBe(404);

    // Act 2: erasure, after the cooling-off.
    const before = await figures();
    const erasure = await http('POST', '/v1/me/erasure-requests', { token: pat.token });
    const erasureId = erasure.json.id as string;
    const erasureAgain = await http('POST', '/v1/me/erasure-requests', { token: pat.token });
    const cancelledByQuinn = await http('POST', `/v1/me/erasure-requests/${erasureId}/cancel`, { token: quinn.token });
    const readByAgent = await http('GET', `/v1/privacy/requests/${erasureId}`, { token: staff.agent, headers: { 'x-access-reason': 'curious' } });
    const readByPrivacy = await http('GET', `/v1/privacy/requests/${erasureId}`, { token: privacyStaff, headers: { 'x-access-reason': 'Deadline check' } });
    await runJob('privacy-requests', new Date(Date.now() + 73 * HOUR_MS));
    const done = await http('GET', `/v1/me/erasure-requests/${erasureId}`, { token: pat.token });
    const after = await figures();
    const tables = await everything();

    // Assess 2
    expect(erasure.status).toBe(202);
    expect(erasureAgain.json.id).toBe(erasureId);
    expect(cancelledByQuinn.status).toBe(404);
    expect(readByAgent.status).toBe(403);
    expect(readByPrivacy.json).toMatchObject({ id: erasureId, subject: { kind: 'account', id: pat.sub }, status: 'cooling-off' });
    expect(done.json.status).toBe('partially-completed');
    expect(done.json.held).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'moderation.appeal', itemId: pat.appealId, reason: 'open-appeal' })]));
    const { appeal, ...erased } = pat.markers;
    for (const marker of Object.values(erased)) {
      expect(tables.text).not.toContain(marker);
      expect(tables.opened.filter((plain) => plain.includes(marker))).toEqual([]);
    }
    // The held appeal is kept, sealed; Quinn's data is untouched.
    expect(tables.opened.some((plain) => plain.includes(appeal))).toBe(true);
    expect(tables.opened.some((plain) => plain.includes(quinn.markers.complaint))).toBe(true);
    expect(after).toEqual(before);

    // Act 3: Quinn's copy expires after its 7 days.
    const quinnExport = await http('POST', '/v1/me/data-exports', { token: quinn.token });
    await runJob('privacy-requests');
    const fresh = await http('GET', `/v1/me/data-exports/${quinnExport.json.id}/archive`, { token: quinn.token });
    await runJob('privacy-requests', new Date(Date.now() + 8 * 24 * HOUR_MS));
    const expired = await http('GET', `/v1/me/data-exports/${quinnExport.json.id}/archive`, { token: quinn.token });

    // Assess 3
    expect(fresh.status).toBe(200);
    expect(expired.status).toBe(410);
    expect((await everything()).opened.filter((plain) => plain.includes(quinnExport.json.id))).toEqual([]);

    // Act 4: retention, 25 months on: the daily job over the due-day indexes, and the tables' time to live.
    const retention = await runJob('privacy-retention', new Date(Date.now() + 25 * 30 * 24 * HOUR_MS));
    await runJob('ttl-sweep', new Date(Date.now() + 25 * 30 * 24 * HOUR_MS));
    const retained = await everything();
    const quinnComplaint = await http('GET', `/v1/complaints/${quinn.complaintId}`, { token: quinn.token });

    // Assess 4: the resolved complaint's text, the survey text and the inbox are gone; the case under
    // the open appeal (the notice and the appeal) waits for the appeal's decision.
    expect(retention.itemsChanged).toBeGreaterThan(0);
    for (const marker of [quinn.markers.complaint, quinn.markers.email, quinn.markers.message, quinn.markers.survey]) {
      expect(retained.text).not.toContain(marker);
      expect(retained.opened.filter((plain) => plain.includes(marker))).toEqual([]);
    }
    expect(retained.opened.some((plain) => plain.includes(quinn.markers.appeal))).toBe(true);
    expect(retained.opened.some((plain) => plain.includes(quinn.markers.notice))).toBe(true);
    expect(quinnComplaint.json).toMatchObject({ id: quinn.complaintId, status: 'resolved' });
  }, 240_000);
});
