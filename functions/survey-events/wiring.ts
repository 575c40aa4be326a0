import type { Logger } from '@aws-lambda-powertools/logger';
import { CUSTOMER_SERVICE } from '#functions/complaints/context.ts';
import { surveyCoreFromEnvironment } from '#functions/surveys/core.ts';
import { slaPolicy } from '#shared/complaints/policy.ts';
import { createComplaintRepository } from '#shared/complaints/repository.ts';
import { readTableName } from '#shared/config.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import type { SurveyPolicy } from '#shared/surveys/policy.ts';
import { createResolutionSurveys } from '#shared/surveys/resolution.ts';
import { complaintsManifest } from '#shared/complaints/manifest.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/**
 * The complaint.resolved consumer wired from its environment. It reads the complaint through the
 * customer-service repository (the owner id only; it has no data key, so it cannot open the
 * personal data) and writes invitations to the surveys table.
 */
export const resolutionSurveysFromEnvironment = (logger: Logger, env: NodeJS.ProcessEnv = process.env, policy?: SurveyPolicy) => {
  const core = surveyCoreFromEnvironment({ logger, env, ...(policy && { policy }) });
  const complaints = createComplaintRepository({
    db: core.document,
    tableName: readTableName(complaintsManifest.tables.complaints, env),
    // The repository's figures are written only by complaint changes, which this consumer never makes.
    figures: createFiguresStore(core.document, readTableName(platformTables.figures, env), CUSTOMER_SERVICE),
    policy: slaPolicy,
  });
  return createResolutionSurveys({
    repository: core.repository,
    campaigns: core.campaigns,
    complaints: {
      async ownerOf(complaintId) {
        const stored = await complaints.get(complaintId);
        return stored && { ownerId: stored.state.ownerId, origin: stored.state.origin };
      },
    },
    policy: core.policy,
    logger,
  });
};
