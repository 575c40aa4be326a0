import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod/mini';
import { readJsonVar } from '#shared/config.ts';
import { DeploymentReadingSchema, KeysAndFindingsReadingSchema, type AuditReaders } from '#shared/security/audit/reader-contract.ts';

/** The environment variable that names the readers' functions (JSON: `{ deployment, keysAndFindings }`). */
export const AUDIT_READERS_ENV = 'AUDIT_READERS';

const AuditReaderNamesSchema = z.object({ deployment: z.string().check(z.minLength(1)), keysAndFindings: z.string().check(z.minLength(1)) });
export type AuditReaderNames = z.infer<typeof AuditReaderNamesSchema>;

export const readAuditReaderNames = (env: NodeJS.ProcessEnv = process.env): AuditReaderNames =>
  readJsonVar(env, AUDIT_READERS_ENV, AuditReaderNamesSchema, 'a valid pair of readers (deployment, keysAndFindings)');

/** An error type as Lambda reports it (`Sandbox.Timedout`, `AccessDeniedException`): a name, never a message. */
const ReportedErrorSchema = z.object({ errorType: z.string().check(z.regex(/^[A-Za-z][\w.]{0,99}$/)) });

/**
 * A reader that failed, or answered what the contract does not allow. Its name is all the audit's
 * results repeat (`unreadable`): the error type Lambda reports, or `MalformedReaderAnswer`; never
 * a message, which can name ARNs and account ids.
 */
class AuditReaderError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const parseAnswer = (payload: Uint8Array | undefined): unknown => {
  try {
    return payload && payload.length > 0 ? JSON.parse(new TextDecoder().decode(payload)) : undefined;
  } catch {
    return undefined;
  }
};

/** Invokes a reader and waits for its answer (RequestResponse): its error, or its answer as the schema reads it. */
const invokeReader = async <T>(lambda: Pick<LambdaClient, 'send'>, functionName: string, request: unknown, schema: z.ZodMiniType<T>): Promise<T> => {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(request) }));
  const payload = parseAnswer(answer.Payload);
  if (answer.FunctionError) {
    const reported = ReportedErrorSchema.safeParse(payload);
    throw new AuditReaderError(reported.success ? reported.data.errorType : 'AuditReaderError', `The audit reader failed (${answer.FunctionError})`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new AuditReaderError('MalformedReaderAnswer', 'The audit reader answered outside its contract');
  return parsed.data;
};

/** The readers as the audit function reaches them in AWS: Lambda functions whose names `names` gives (read when a reader is invoked: never locally). */
export const lambdaAuditReaders = (lambda: Pick<LambdaClient, 'send'>, names: () => AuditReaderNames): AuditReaders => ({
  readDeployment: (request) => invokeReader(lambda, names().deployment, request, DeploymentReadingSchema),
  readKeysAndFindings: (request) => invokeReader(lambda, names().keysAndFindings, request, KeysAndFindingsReadingSchema),
});
