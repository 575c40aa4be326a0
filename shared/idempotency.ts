import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { problems, type ProblemError } from '#shared/http/problem.ts';

/**
 * `Idempotency-Key` support for POST endpoints, on Powertools idempotency with DynamoDB
 * persistence. The key is scoped to the caller (two users may pick the same key), the request
 * body is hashed and compared on every repeat, and the stored result is the response body the
 * endpoint returns, which by design holds no personal data. Concurrent repeats race on a
 * conditional write: one runs, the others are told it is in progress.
 */
export interface IdempotentRequest {
  /** `<caller>#<Idempotency-Key>`; Powertools stores only its hash. */
  scope: string;
  /** Hashed and compared on every repeat; never stored in clear. */
  body: unknown;
}

const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export const createIdempotency = (options: { client: DynamoDBClient; tableName: string }) => {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.client,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    throwOnNoIdempotencyKey: true,
  });

  return {
    /**
     * Wraps an operation so that repeats of one scope run it once. `keyPrefix` names the
     * operation in its records (e.g. `complaints.file`): the same Idempotency-Key sent to two
     * operations is two keys, locally as in AWS (the default prefix is the Lambda function's
     * name, which every function of the local stack would share).
     */
    wrap<I extends IdempotentRequest, R>(operation: (request: I) => Promise<R>, options: { keyPrefix: string }) {
      const idempotent = makeIdempotent(operation, { persistenceStore, config, keyPrefix: options.keyPrefix });
      return (request: I, context: Context): Promise<R> => {
        config.registerLambdaContext(context);
        return idempotent(request);
      };
    },
  };
};

export const idempotencyProblem = (error: unknown): ProblemError | undefined => {
  if (error instanceof IdempotencyValidationError) return problems.idempotencyKeyReused();
  if (error instanceof IdempotencyAlreadyInProgressError) return problems.idempotencyInProgress();
  return undefined;
};
