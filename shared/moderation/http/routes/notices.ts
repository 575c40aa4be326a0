import type { Context } from 'aws-lambda';
import type { ApiEvent, PersonCaller } from '#shared/http/api-handler.ts';
import { readAccessReason, readHeader, readIdempotencyKey, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import type { createIdempotency } from '#shared/idempotency.ts';
import { FOLLOW_UP_HEADER } from '#shared/moderation/domain/index.ts';
import { NoticePathSchema } from '#shared/moderation/http/paths.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { AnonymousAppealRequestSchema } from '#shared/moderation/http/schemas/appeals.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import {
  AnonymousNoticeRequestSchema,
  CreateNoticeRequestSchema,
  FollowUpTokenSchema,
  type AnonymousNoticeRequest,
  type CreateNoticeRequest,
} from '#shared/moderation/http/schemas/notices.ts';
import { fileAnonymousAppeal } from '#shared/moderation/use-cases/file-anonymous-appeal.ts';
import { fileAnonymousNotice } from '#shared/moderation/use-cases/file-anonymous-notice.ts';
import { fileNotice } from '#shared/moderation/use-cases/file-notice.ts';
import { followAnonymousNotice, withFollowUpToken } from '#shared/moderation/use-cases/follow-anonymous-notice.ts';
import { getNotice } from '#shared/moderation/use-cases/get-notice.ts';
import { listMyNotices } from '#shared/moderation/use-cases/list-my-notices.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import * as z from 'zod/mini';

/** A malformed token is a 400 (it says nothing of any notice); a missing one is answered as a wrong one, 404. */
const followUpToken = (event: ApiEvent): string | undefined => readHeader(event, FOLLOW_UP_HEADER, z.optional(FollowUpTokenSchema));

const sourceAddressOf = (event: ApiEvent) => event.requestContext.http.sourceIp;

type Idempotency = ReturnType<typeof createIdempotency>;

/** Filings with an Idempotency-Key: a repeat with the same key and body answers the first receipt. */
const idempotentFilings = (ports: ModerationPorts, idempotency: Idempotency) => ({
  fileOnce: idempotency.wrap(
    async ({ caller, body }: { scope: string; caller: PersonCaller; body: CreateNoticeRequest }) => fileNotice(ports, caller, body),
    { keyPrefix: 'moderation.report' },
  ),
  fileAnonymousOnce: idempotency.wrap(
    async ({ body, address }: { scope: string; body: AnonymousNoticeRequest; address: string }) => fileAnonymousNotice(ports, body, address),
    { keyPrefix: 'moderation.report-anonymous' },
  ),
});

type NoticeRoutes =
  | 'POST /v1/reports'
  | 'POST /v1/reports/anonymous'
  | 'GET /v1/reports/anonymous/{id}'
  | 'POST /v1/appeals/anonymous'
  | 'GET /v1/reports'
  | 'GET /v1/reports/{id}';

/** Notices (the wire says "reports"): filed by people with or without an account, and followed by them. */
export const noticeRoutes = (ports: ModerationPorts, idempotency: Idempotency): Pick<ModerationHandlers, NoticeRoutes> => {
  const { fileOnce, fileAnonymousOnce } = idempotentFilings(ports, idempotency);
  const fileAnonymously = (event: ApiEvent, context: Context, body: AnonymousNoticeRequest, key: string | undefined) => {
    const address = sourceAddressOf(event);
    // The scope is keyed on the key only: the body (hashed) ties a repeat to the first request.
    return key ? fileAnonymousOnce({ scope: `anonymous#${key}`, body, address }, context) : fileAnonymousNotice(ports, body, address);
  };
  return {
    'POST /v1/reports': async ({ event, context, caller }) => {
      const key = readIdempotencyKey(event);
      const body = readJsonBody(event, CreateNoticeRequestSchema);
      const receipt = key ? await fileOnce({ scope: `${caller.sub}#${key}`, caller, body }, context) : await fileNotice(ports, caller, body);
      return json(202, receipt, { location: `/v1/reports/${receipt.id}` });
    },

    'POST /v1/reports/anonymous': async ({ event, context }) => {
      const key = readIdempotencyKey(event);
      const receipt = await fileAnonymously(event, context, readJsonBody(event, AnonymousNoticeRequestSchema), key);
      // The idempotency record keeps the receipt only; the token is derived again for every answer.
      return json(202, await withFollowUpToken(ports, receipt), { location: `/v1/reports/anonymous/${receipt.id}` });
    },

    'GET /v1/reports/anonymous/{id}': async ({ event }) => {
      const { id } = readPath(event, NoticePathSchema);
      return json(200, await followAnonymousNotice(ports, id, followUpToken(event), sourceAddressOf(event)));
    },

    'POST /v1/appeals/anonymous': async ({ event }) => {
      const token = followUpToken(event);
      const body = readJsonBody(event, AnonymousAppealRequestSchema);
      // No Location: the appeal is read with its notice (GET /v1/reports/anonymous/{id}), by the token.
      return json(201, await fileAnonymousAppeal(ports, body, token, sourceAddressOf(event)));
    },

    'GET /v1/reports': async ({ event, caller }) => json(200, await listMyNotices(ports, caller, readQuery(event, PageQuerySchema))),

    'GET /v1/reports/{id}': async ({ event, caller }) => json(200, await getNotice(ports, caller, readPath(event, NoticePathSchema).id, readAccessReason(event))),
  };
};
