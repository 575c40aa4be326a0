import { educationJobHandlerFromEnvironment } from '#shared/security/wiring/security-education-job.ts';

export const handler = educationJobHandlerFromEnvironment();
