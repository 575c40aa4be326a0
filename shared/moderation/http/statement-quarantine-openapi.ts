import * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, problem } from '#shared/http/problem-schema.ts';
import { PuidSchema } from '#shared/moderation/domain/ids.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import { QuarantinePageSchema, ReleasedStatementSchema } from '#shared/moderation/http/response-schemas/statement-quarantine.ts';

/** The paths of the Transparency Database's quarantine, spread into the trust-and-safety paths. */

const json = <S extends z.ZodMiniType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const errors = { ...authenticatedErrors, '403': problem('Only moderators and admins; never a platform client') };

export const statementQuarantinePaths: ZodOpenApiPathsObject = {
  '/v1/moderation/transparency-database/quarantine': {
    get: {
      operationId: 'listQuarantinedStatements',
      summary: 'Moderators: the statements of reasons the Transparency Database refused as invalid, oldest quarantine first, with its errors',
      description: "Kept out of the submissions until released. Ids, times and the database's errors only: read the statement itself at GET /v1/statements/{puid}.",
      requestParams: { query: PageQuerySchema },
      responses: { '200': json('A page of quarantined statements', QuarantinePageSchema), ...errors },
    },
  },
  '/v1/moderation/transparency-database/quarantine/{puid}/release': {
    post: {
      operationId: 'releaseQuarantinedStatement',
      summary: 'Moderators: once the cause is fixed, a quarantined statement back to the ones to send',
      description:
        "The next run of the statement-submission job (every 15 minutes) sends it again, built anew from the stored statement; refused again, it is quarantined again. The quarantine it ends is kept in `releases` (who, when, the database's errors).",
      requestParams: { path: z.object({ puid: PuidSchema }) },
      // No body to refuse: no 413 or 415.
      responses: {
        '200': json('Released: pending again', ReleasedStatementSchema),
        ...errors,
        '404': problem('No such statement of reasons'),
        '409': problem('not-quarantined: the statement is pending or sent (or was released meanwhile); release-limit: released 5 times already, it stays quarantined'),
      },
    },
  },
};
