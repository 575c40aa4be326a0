import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The function's one X-Ray tracer, named by POWERTOOLS_SERVICE_NAME. Only the modules that
 * create an AWS SDK client import it, so a function that calls no AWS service never loads the
 * X-Ray SDK.
 *
 * Powertools traces only inside Lambda, and not where POWERTOOLS_TRACE_ENABLED is `false` (the
 * local stack): there `traced` hands the client back untouched. HTTP(S) is not patched globally:
 * every call that leaves a function is an AWS SDK call, recorded once as its own subsegment
 * (service, operation, table or key, never a payload).
 */
export const tracer = new Tracer({ captureHTTPsRequests: false });

/** The client, each of its calls recorded as an X-Ray subsegment of the invocation. */
export const traced = <Client>(client: Client): Client => tracer.captureAWSv3Client(client);
