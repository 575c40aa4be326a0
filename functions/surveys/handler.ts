import { surveysApiHandlerFromEnvironment } from '#shared/surveys/wiring/surveys-api.ts';

export const handler = surveysApiHandlerFromEnvironment();
