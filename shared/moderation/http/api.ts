import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import type { createIdempotency } from '#shared/idempotency.ts';
import { moderationProblem } from '#shared/moderation/http/errors.ts';
import { authorityOrderRoutes } from '#shared/moderation/http/routes/authority-orders.ts';
import { appealRoutes } from '#shared/moderation/http/routes/appeals.ts';
import { caseRoutes } from '#shared/moderation/http/routes/cases.ts';
import { noticeRoutes } from '#shared/moderation/http/routes/notices.ts';
import { platformRoutes } from '#shared/moderation/http/routes/platform.ts';
import { staffRoutes } from '#shared/moderation/http/routes/staff.ts';
import { statementQuarantineRoutes } from '#shared/moderation/http/routes/statement-quarantine.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** The moderation API function: notices, cases, statements, appeals, rewards, blocklists, figures, content reviews, enforcement. */
export const createModerationApiHandler = (deps: {
  ports: ModerationPorts;
  idempotency: ReturnType<typeof createIdempotency>;
  logger: Logger;
}) =>
  createApiHandler({
    logger: deps.logger,
    mapError: moderationProblem,
    routes: moderationManifest.routes,
    refusals: {
      machine: 'Platform clients may only use /v1/content-reviews and /v1/enforcement.',
      person: 'This route is for the platform services, with the content.review or moderation.enforcement scope.',
    },
    handlers: {
      ...noticeRoutes(deps.ports, deps.idempotency),
      ...caseRoutes(deps.ports),
      ...appealRoutes(deps.ports),
      ...staffRoutes(deps.ports),
      ...platformRoutes(deps.ports),
      ...authorityOrderRoutes(deps.ports),
      ...statementQuarantineRoutes(deps.ports),
    },
  });
