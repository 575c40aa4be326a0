import { surveysApiHandlerFromEnvironment } from '#shared/surveys/api-wiring.ts';

export const handler = surveysApiHandlerFromEnvironment();
