import { NO_ANSWER, type ApiErrors } from '#shared/moderation/domain/statement-submission.ts';
import type { TransparencyDatabaseConfig } from '#shared/moderation/transparency-database/config.ts';

/** What the database answered: the status, its `Retry-After`, and its `errors` map on a 422. */
export interface TransparencyDatabaseAnswer {
  status: number;
  retryAfter?: string;
  errors?: ApiErrors;
}

/** The two endpoints of the Commission's API the platform uses. */
export interface TransparencyDatabaseApi {
  /** `POST /api/v1/statements`: up to 100 statements, all created or none. */
  postStatements(statements: readonly object[]): Promise<TransparencyDatabaseAnswer>;
  /** `POST /api/v1/statement`: one statement. */
  postStatement(statement: object): Promise<TransparencyDatabaseAnswer>;
}

const REQUEST_TIMEOUT_MS = 30_000;

const errorsOf = async (response: Response): Promise<ApiErrors | undefined> => {
  if (response.status !== 422) return undefined;
  const body = (await response.json().catch(() => undefined)) as { errors?: unknown } | undefined;
  const errors = body?.errors;
  return errors && typeof errors === 'object' ? (errors as ApiErrors) : {};
};

/**
 * The database over HTTP (bearer token, JSON). A request that gets no answer in time is reported
 * as status 0, for the caller to retry like a 5xx. Nothing here logs: the token stays in the
 * Authorization header of the request and nowhere else.
 */
export const createTransparencyDatabaseClient = (config: TransparencyDatabaseConfig, fetchImpl: typeof fetch = fetch): TransparencyDatabaseApi => {
  const post = async (path: string, body: unknown): Promise<TransparencyDatabaseAnswer> => {
    // Outside the try: a token that cannot be read is a configuration error, not a busy database.
    const token = await config.token();
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, config.baseUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      return { status: NO_ANSWER };
    }
    const errors = await errorsOf(response);
    if (!errors) await response.body?.cancel();
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return { status: response.status, ...(retryAfter && { retryAfter }), ...(errors && { errors }) };
  };
  return {
    postStatements: (statements) => post('/api/v1/statements', { statements }),
    postStatement: (statement) => post('/api/v1/statement', statement),
  };
};
