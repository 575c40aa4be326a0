import { surveyEventsHandlerFromEnvironment } from '#shared/surveys/wiring.ts';

export const handler = surveyEventsHandlerFromEnvironment();
