import { educationApiHandlerFromEnvironment } from '#shared/security/wiring/security-education-api.ts';

export const handler = educationApiHandlerFromEnvironment();
