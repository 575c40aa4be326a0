import { moderationManifest } from '#shared/moderation/manifest.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { callerFromRequest, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { FiguresQuerySchema, figuresRangeOf } from '#shared/figures/query.ts';
import { createApiHandler, type ApiEvent } from '#shared/http/api-handler.ts';
import { problemOf, problems } from '#shared/http/problem.ts';
import { readHeader, readIdempotencyKey, readJsonBody, readQuery, validate } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { idempotencyProblem, type createIdempotency } from '#shared/idempotency.ts';
import { ModerationConflictError, ModerationForbiddenError, ModerationInvalidError } from '#shared/moderation/domain.ts';
import { FOLLOW_UP_HEADER } from '#shared/moderation/follow-up.ts';
import { RateLimitedError, VersionConflictError } from '#shared/moderation/repository.ts';
import {
  AnonymousAppealRequestSchema,
  AnonymousReportRequestSchema,
  AppealDecisionRequestSchema,
  AppealIdSchema,
  AppealRequestSchema,
  BlocklistEntryPathSchema,
  BlocklistEntryRequestSchema,
  BlocklistKindPathSchema,
  CaseIdSchema,
  CasesQuerySchema,
  ContentReviewRequestSchema,
  CreateReportRequestSchema,
  DecisionRequestSchema,
  ExportQuerySchema,
  FollowUpTokenSchema,
  NoticeIdSchema,
  PageQuerySchema,
  PuidSchema,
  ReviewIdSchema,
  type AnonymousReportRequest,
  type CreateReportRequest,
} from '#shared/moderation/schemas.ts';
import { QueueUnavailableError, ReportingSuspendedError, type ModerationService } from '#shared/moderation/service.ts';

const pathParam = <S extends z.ZodType>(event: ApiEvent, name: string, schema: S): z.output<S> =>
  (validate(z.strictObject({ [name]: schema }), event.pathParameters ?? {}, 'path') as Record<string, z.output<S>>)[name]!;

/** A malformed token is a 400 (it says nothing of any notice); a missing one is answered as a wrong one, 404. */
const followUpToken = (event: ApiEvent): string | undefined => readHeader(event, FOLLOW_UP_HEADER, FollowUpTokenSchema.optional());

const mapError = (error: unknown) => {
  if (error instanceof ModerationForbiddenError) return problems.forbidden(error.message);
  if (error instanceof ModerationInvalidError) return problems.validation([{ in: 'body', path: error.field, message: error.message }]);
  if (error instanceof ModerationConflictError) return problems.conflict(error.reason, error.message);
  if (error instanceof VersionConflictError) return problems.conflict('concurrent-update', 'Others are changing this right now; retry.');
  if (error instanceof RateLimitedError) {
    return problemOf(429, 'rate-limited', 'Too many notices', `Try again in ${error.retryAfterSeconds} seconds.`, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof ReportingSuspendedError) return problemOf(403, 'reporting-suspended', 'Reporting suspended', error.message);
  if (error instanceof QueueUnavailableError) return problemOf(503, 'queue-unavailable', 'Try again shortly', error.message, { 'retry-after': '5' });
  return idempotencyProblem(error);
};

const personFrom = (event: ApiEvent): Caller => {
  const caller = callerFromRequest(event.requestContext);
  if (caller.kind !== 'person') throw problems.forbidden('Platform clients may only use /v1/content-reviews and /v1/enforcement.');
  return caller;
};

/** The moderation function: notices, cases, statements, appeals, rewards, blocklists, content reviews. */
export const createModerationHandler = (deps: {
  service: ModerationService;
  idempotency: ReturnType<typeof createIdempotency>;
  clock: Clock;
  logger: Logger;
}) => {
  const { service, idempotency, clock, logger } = deps;

  const fileOnce = idempotency.wrap(
    async ({ caller, body }: { scope: string; caller: Caller; body: CreateReportRequest }) => service.fileReport(caller, body),
    { keyPrefix: 'moderation.report' },
  );
  const fileAnonymousOnce = idempotency.wrap(
    async ({ body, address }: { scope: string; body: AnonymousReportRequest; address: string }) => service.fileAnonymousReport(body, address),
    { keyPrefix: 'moderation.report-anonymous' },
  );

  return createApiHandler({
    logger,
    mapError,
    routes: moderationManifest.routes,
    refusals: { machine: 'Platform clients may only use /v1/content-reviews and /v1/enforcement.', person: 'This route is for the platform services, with the content.review or moderation.enforcement scope.' },
    handlers: {
      'POST /v1/reports': async ({ event, context }) => {
        const caller = personFrom(event);
        const key = readIdempotencyKey(event);
        const body = readJsonBody(event, CreateReportRequestSchema);
        const receipt = key ? await fileOnce({ scope: `${caller.sub}#${key}`, caller, body }, context) : await service.fileReport(caller, body);
        return json(202, receipt, { location: `/v1/reports/${receipt.id}` });
      },

      'POST /v1/reports/anonymous': async ({ event, context }) => {
        const key = readIdempotencyKey(event);
        const body = readJsonBody(event, AnonymousReportRequestSchema);
        const address = event.requestContext.http.sourceIp;
        // The scope is keyed on the key only: the body (hashed) ties a repeat to the first request.
        const receipt = key
          ? await fileAnonymousOnce({ scope: `anonymous#${key}`, body, address }, context)
          : await service.fileAnonymousReport(body, address);
        // The idempotency record keeps the receipt only; the token is derived again for every answer.
        return json(202, await service.withFollowUpToken(receipt), { location: `/v1/reports/anonymous/${receipt.id}` });
      },

      'GET /v1/reports/anonymous/{id}': async ({ event }) => {
        const id = pathParam(event, 'id', NoticeIdSchema);
        const token = followUpToken(event);
        return json(200, await service.followAnonymousReport(id, token, event.requestContext.http.sourceIp));
      },

      'POST /v1/appeals/anonymous': async ({ event }) => {
        const token = followUpToken(event);
        const body = readJsonBody(event, AnonymousAppealRequestSchema);
        const appeal = await service.fileAnonymousAppeal(body, token, event.requestContext.http.sourceIp);
        // No Location: the appeal is read with its notice (GET /v1/reports/anonymous/{id}), by the token.
        return json(201, appeal);
      },

      'GET /v1/reports': async ({ event }) => json(200, await service.listMyReports(personFrom(event), readQuery(event, PageQuerySchema))),

      'GET /v1/reports/{id}': async ({ event }) => json(200, await service.getReport(personFrom(event), pathParam(event, 'id', NoticeIdSchema))),

      'GET /v1/moderation/cases': async ({ event }) => json(200, await service.listCases(personFrom(event), readQuery(event, CasesQuerySchema))),

      'GET /v1/moderation/cases/{id}': async ({ event }) => json(200, await service.getCase(personFrom(event), pathParam(event, 'id', CaseIdSchema))),

      'POST /v1/moderation/cases/{id}/claim': async ({ event }) =>
        json(200, await service.claimCase(personFrom(event), pathParam(event, 'id', CaseIdSchema))),

      'POST /v1/moderation/cases/{id}/decision': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathParam(event, 'id', CaseIdSchema);
        return json(200, await service.decideCase(caller, id, readJsonBody(event, DecisionRequestSchema)));
      },

      'GET /v1/statements/{puid}': async ({ event }) => json(200, await service.getStatement(personFrom(event), pathParam(event, 'puid', PuidSchema))),

      'GET /v1/transparency/statements': async ({ event }) =>
        json(200, await service.exportStatements(personFrom(event), readQuery(event, ExportQuerySchema))),

      'POST /v1/appeals': async ({ event }) => {
        const appeal = await service.fileAppeal(personFrom(event), readJsonBody(event, AppealRequestSchema));
        return json(201, appeal, { location: `/v1/appeals/${appeal.id}` });
      },

      'GET /v1/appeals/{id}': async ({ event }) => json(200, await service.getAppeal(personFrom(event), pathParam(event, 'id', AppealIdSchema))),

      'GET /v1/moderation/appeals': async ({ event }) => json(200, await service.listPendingAppeals(personFrom(event), readQuery(event, PageQuerySchema))),

      'POST /v1/moderation/appeals/{id}/decision': async ({ event }) => {
        const caller = personFrom(event);
        const id = pathParam(event, 'id', AppealIdSchema);
        return json(200, await service.decideAppeal(caller, id, readJsonBody(event, AppealDecisionRequestSchema)));
      },

      'GET /v1/rewards/me': async ({ event }) => json(200, await service.myRewards(personFrom(event))),

      'GET /v1/moderation/blocklists/{kind}': async ({ event }) => {
        const caller = personFrom(event);
        const { kind } = validate(BlocklistKindPathSchema, event.pathParameters ?? {}, 'path');
        return json(200, await service.listBlocklist(caller, kind, readQuery(event, PageQuerySchema)));
      },

      'POST /v1/moderation/blocklists/{kind}': async ({ event }) => {
        const caller = personFrom(event);
        const { kind } = validate(BlocklistKindPathSchema, event.pathParameters ?? {}, 'path');
        return json(201, await service.addBlocklistEntry(caller, kind, readJsonBody(event, BlocklistEntryRequestSchema)));
      },

      'DELETE /v1/moderation/blocklists/{kind}/{entryId}': async ({ event }) => {
        const caller = personFrom(event);
        const { kind, entryId } = validate(BlocklistEntryPathSchema, event.pathParameters ?? {}, 'path');
        await service.removeBlocklistEntry(caller, kind, entryId);
        return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
      },

      'GET /v1/figures/moderation': async ({ event }) => {
        const caller = personFrom(event);
        const query = figuresRangeOf(readQuery(event, FiguresQuerySchema), clock.now());
        return json(200, await service.figures(caller, query));
      },

      'POST /v1/content-reviews': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        const { review, duplicate } = await service.submitContent(caller, readJsonBody(event, ContentReviewRequestSchema));
        // 202: screening runs on the queue; a repeat of the same content answers its review.
        return json(duplicate ? 200 : 202, review, { location: `/v1/content-reviews/${review.id}` });
      },

      'GET /v1/content-reviews/{id}': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        return json(200, await service.getContentReview(caller, pathParam(event, 'id', ReviewIdSchema)));
      },

      'GET /v1/enforcement/statements/{puid}': async ({ event }) => {
        const caller = callerFromRequest(event.requestContext);
        return json(200, await service.enforcement(caller, pathParam(event, 'puid', PuidSchema)));
      },
    },
  });
};
