import type { Logger } from '@aws-lambda-powertools/logger';
import { surveyCoreFromEnvironment } from '#functions/surveys/core.ts';

/** The campaign job wired from its environment. It needs no data key: it never reads answers. */
export const surveyCampaignFromEnvironment = (logger: Logger, env: NodeJS.ProcessEnv = process.env) =>
  surveyCoreFromEnvironment({ logger, env }).campaigns;
