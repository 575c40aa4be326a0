/**
 * RFC 9457 problem details. Every error the API returns is one of these, served as
 * `application/problem+json`; anything unexpected becomes a generic 500 that carries the
 * correlation id and nothing of the internals.
 */

export type ProblemLocation = 'body' | 'query' | 'path' | 'header';

export interface FieldError {
  in: ProblemLocation;
  /** Dotted path to the offending field inside its location (`contact.email`, `limit`). */
  path: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  correlationId?: string;
}

const problemType = (slug: string) => `urn:user-protection:problem:${slug}`;

export class ProblemError extends Error {
  readonly problem: ProblemDetails;
  readonly headers: Record<string, string>;

  constructor(problem: ProblemDetails, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.headers = headers;
  }
}

const problem = (status: number, slug: string, title: string, detail?: string, errors?: FieldError[]) =>
  new ProblemError({ type: problemType(slug), title, status, ...(detail && { detail }), ...(errors && { errors }) });

/** A problem of a context's own kind (`urn:user-protection:problem:<slug>`), with headers such as Retry-After. */
export const problemOf = (status: number, slug: string, title: string, detail: string, headers: Record<string, string> = {}) =>
  new ProblemError({ type: problemType(slug), title, status, detail }, headers);

export const problems = {
  malformedJson: (detail: string) => problem(400, 'malformed-json', 'Malformed JSON body', detail),
  validation: (errors: FieldError[]) =>
    problem(400, 'validation-failed', 'The request is not valid', 'See `errors` for each offending field.', errors),
  unauthorized: (detail: string) =>
    new ProblemError(
      { type: problemType('unauthorized'), title: 'Authentication required', status: 401, detail },
      { 'www-authenticate': 'Bearer' },
    ),
  forbidden: (detail: string) => problem(403, 'forbidden', 'Not allowed', detail),
  /** Separation of duties: the caller is a party to what they would act on as staff. */
  conflictOfInterest: (detail: string) => problem(403, 'conflict-of-interest', 'Not allowed: you are a party to this', detail),
  notFound: (detail = 'No such resource.') => problem(404, 'not-found', 'Not found', detail),
  /** The resource's state does not allow the request; `slug` says why, for clients to branch on. */
  conflict: (slug: string, detail: string) => problem(409, slug, 'The request conflicts with the current state', detail),
  methodNotAllowed: (allowed: string[]) =>
    new ProblemError(
      { type: problemType('method-not-allowed'), title: 'Method not allowed', status: 405 },
      { allow: allowed.join(', ') },
    ),
  idempotencyInProgress: () =>
    problem(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is in progress', 'Retry later.'),
  idempotencyKeyReused: () =>
    problem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused with another request',
      'This Idempotency-Key was first used with a different body; use a new key for a new request.',
    ),
  payloadTooLarge: (limitBytes: number) =>
    problem(413, 'payload-too-large', 'Request body too large', `The body must not exceed ${limitBytes} bytes.`),
  unsupportedMediaType: () =>
    problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json.'),
  /** Nothing the client accepts (by Accept or by the path's extension) is available; `available` names what is. */
  notAcceptable: (available: readonly string[]) =>
    problem(406, 'not-acceptable', 'Not acceptable', `Available representations: ${available.join(', ')}.`),
  internal: (correlationId: string) =>
    new ProblemError({
      type: problemType('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'The request could not be completed. Quote the correlation id when reporting it.',
      correlationId,
    }),
};
