import { surveyEventsHandlerFromEnvironment } from '#shared/surveys/wiring/survey-events.ts';

export const handler = surveyEventsHandlerFromEnvironment();
