import type { Logger } from '@aws-lambda-powertools/logger';
import { ConditionFailedError } from '#shared/aws/table.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { hasScope } from '#shared/auth/caller.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import { channelOwnerIdOf } from '#shared/customer-service/index.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { type ProblemError, problemOf, problems } from '#shared/http/problem.ts';
import { readAccessReason, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json, text } from '#shared/http/response.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { LegalHoldStateError } from '#shared/privacy/domain/legal-hold.ts';
import { RequestStateError, type PrivacyRequest, type RequestKind } from '#shared/privacy/domain/request.ts';
import {
  activeHoldKeySchema,
  awaitingKeySchema,
  ChannelErasureSchema,
  ChannelPathSchema,
  ChannelRequestPathSchema,
  ContactCorrectionSchema,
  FiguresQuerySchema,
  HoldIdPathSchema,
  LegalHoldInputSchema,
  PageQuerySchema,
  RequestIdPathSchema,
} from '#shared/privacy/http/schemas.ts';
import { routesOfFunction } from '#shared/privacy/manifest.ts';
import { correctContact } from '#shared/privacy/use-cases/correct-contact.ts';
import { downloadArchive } from '#shared/privacy/use-cases/download-archive.ts';
import { privacyFigures, publishedRetentionPolicy } from '#shared/privacy/use-cases/published.ts';
import type { ApiPorts } from '#shared/privacy/use-cases/ports.ts';
import { ownRequestView } from '#shared/privacy/use-cases/request-views.ts';
import { cancelErasure, makeRequest, ownRequest, ownRequests } from '#shared/privacy/use-cases/requests.ts';
import { activeHolds, awaitingRequests, placeHold, releaseHold, staffRequest } from '#shared/privacy/use-cases/staff.ts';

const mapError = (error: unknown): ProblemError | undefined => {
  if (error instanceof RequestStateError) {
    if (error.slug === 'archive-expired') return problemOf(410, error.slug, 'The archive has expired', error.message);
    return problems.conflict(error.slug, error.message);
  }
  if (error instanceof LegalHoldStateError) return problems.conflict('hold-released', error.message);
  if (error instanceof ConditionFailedError) return problems.conflict('request-changed', 'The request changed while this one was handled; read it again.');
  return undefined;
};

const accountOf = (caller: Caller): DataSubject => ({ kind: 'account', id: caller.sub });

/** 202 with the request for a new one; 200 with the open one when the same request is made again. */
const requested = (result: { request: PrivacyRequest; created: boolean }, location: string) =>
  json(result.created ? 202 : 200, ownRequestView(result.request), { location: `${location}/${result.request.id}` });

const kindPaths: Record<RequestKind, string> = { export: '/v1/me/data-exports', erasure: '/v1/me/erasure-requests' };

type Channel = 'social' | 'email' | 'phone';

const requireChannelScope = (caller: Caller, channel: Channel) => {
  if (!hasScope(caller, fullScope(`complaints.intake.${channel}`))) throw problems.forbidden(`This client may not act for people of the ${channel} channel.`);
};

/** The integration's person: the owner id customer service files the channel's complaints under. */
const channelSubject = async (pseudonyms: Pseudonymizer, caller: Caller, channel: Channel, reference: string): Promise<DataSubject> => {
  requireChannelScope(caller, channel);
  return { kind: 'integration', id: await channelOwnerIdOf(pseudonyms, channel, reference) };
};

/** A page of a staff list, its cursor sealed for the caller and the list. */
const sealedPage = async <K>(
  cursors: CursorSeal,
  request: { caller: Caller; list: string; cursor: string | undefined; keySchema: Parameters<typeof resumeAfter>[3] },
  load: (after?: Record<string, unknown>) => Promise<{ items: K[]; lastKey?: Record<string, unknown> }>,
) => {
  const scope = { caller: request.caller.sub, list: request.list };
  const after = await resumeAfter(cursors, scope, request.cursor, request.keySchema, () => true);
  const result = await load(after as Record<string, unknown> | undefined);
  return { items: result.items, nextCursor: await encodeCursor(cursors, scope, result.lastKey) };
};

/** The privacy function: people's requests, the archive, corrections; integrations' erasures; privacy staff's views and holds. */
export const createPrivacyApiHandler = (deps: { ports: ApiPorts; cursors: CursorSeal; pseudonyms: Pseudonymizer; logger: Logger }) => {
  const { ports } = deps;
  const own = (kind: RequestKind) => ({
    create: async ({ caller }: { caller: Caller }) => requested(await makeRequest(ports, { kind, subject: accountOf(caller), via: 'account' }), kindPaths[kind]),
    list: async ({ caller }: { caller: Caller }) => json(200, { items: (await ownRequests(ports, accountOf(caller), kind)).map(ownRequestView) }),
  });
  const readOwn = (kind: RequestKind) => async ({ event, caller }: { event: Parameters<typeof readPath>[0]; caller: Caller }) =>
    json(200, ownRequestView(await ownRequest(ports, accountOf(caller), kind, readPath(event, RequestIdPathSchema).id)));
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('privacy'),
    mapError,
    handlers: {
      'POST /v1/me/data-exports': own('export').create,
      'GET /v1/me/data-exports': own('export').list,
      'GET /v1/me/data-exports/{id}': readOwn('export'),
      'GET /v1/me/data-exports/{id}/archive': async ({ event, caller }) => {
        const { id } = readPath(event, RequestIdPathSchema);
        const archive = await downloadArchive(ports, accountOf(caller), id);
        return text(200, archive, 'application/json', { 'content-disposition': `attachment; filename="${id}.json"` });
      },
      'POST /v1/me/erasure-requests': own('erasure').create,
      'GET /v1/me/erasure-requests': own('erasure').list,
      'GET /v1/me/erasure-requests/{id}': readOwn('erasure'),
      'POST /v1/me/erasure-requests/{id}/cancel': async ({ event, caller }) =>
        json(200, ownRequestView(await cancelErasure(ports, accountOf(caller), readPath(event, RequestIdPathSchema).id))),
      'PUT /v1/me/contact-details': async ({ event, caller }) =>
        json(200, { corrected: await correctContact(ports, accountOf(caller), readJsonBody(event, ContactCorrectionSchema)) }),
      'POST /v1/channels/{channel}/erasure-requests': async ({ event, caller }) => {
        const { channel } = readPath(event, ChannelPathSchema);
        const subject = await channelSubject(deps.pseudonyms, caller, channel, readJsonBody(event, ChannelErasureSchema).reference);
        return requested(await makeRequest(ports, { kind: 'erasure', subject, via: `channel:${channel}` }), `/v1/channels/${channel}/erasure-requests`);
      },
      'GET /v1/channels/{channel}/erasure-requests/{id}': async ({ event, caller }) => {
        const { channel, id } = readPath(event, ChannelRequestPathSchema);
        requireChannelScope(caller, channel);
        const request = await ports.store.get(id);
        if (!request || request.via !== `channel:${channel}`) throw problems.notFound('No such request.');
        return json(200, ownRequestView(request));
      },
      'GET /v1/privacy/retention-policy': async () => json(200, publishedRetentionPolicy(ports.timings), { 'cache-control': 'public, max-age=300' }),
      'GET /v1/privacy/requests': async ({ event, caller }) => {
        const query = readQuery(event, PageQuerySchema);
        const list = { caller, list: 'privacy-awaiting', cursor: query.cursor, keySchema: awaitingKeySchema };
        return json(200, await sealedPage(deps.cursors, list, (after) => awaitingRequests(ports, caller, { limit: query.limit ?? LIST_LIMIT_DEFAULT, after })));
      },
      'GET /v1/privacy/requests/{id}': async ({ event, caller }) =>
        json(200, await staffRequest(ports, caller, readPath(event, RequestIdPathSchema).id, readAccessReason(event))),
      'GET /v1/privacy/figures': async ({ event, caller }) => json(200, await privacyFigures(ports, caller, readQuery(event, FiguresQuerySchema).quarter)),
      'GET /v1/privacy/legal-holds': async ({ event, caller }) => {
        const query = readQuery(event, PageQuerySchema);
        const list = { caller, list: 'privacy-holds', cursor: query.cursor, keySchema: activeHoldKeySchema };
        return json(200, await sealedPage(deps.cursors, list, (after) => activeHolds(ports, caller, { limit: query.limit ?? LIST_LIMIT_DEFAULT, after })));
      },
      'POST /v1/privacy/legal-holds': async ({ event, caller }) => {
        const hold = await placeHold(ports, caller, readJsonBody(event, LegalHoldInputSchema));
        return json(201, hold, { location: `/v1/privacy/legal-holds/${hold.id}` });
      },
      'POST /v1/privacy/legal-holds/{id}/release': async ({ event, caller }) => json(200, await releaseHold(ports, caller, readPath(event, HoldIdPathSchema).id)),
    },
  });
};
