import { statementSubmissionHandlerFromEnvironment } from '#shared/moderation/wiring/statement-submission.ts';

export const handler = statementSubmissionHandlerFromEnvironment();
