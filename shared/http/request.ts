import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
// zod's English messages, which the field errors of a 400 quote.
import '#shared/zod.ts';
import { problems, type FieldError, type ProblemLocation } from '#shared/http/problem.ts';

/** Bodies above this size are refused before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

const issuesToFieldErrors = (issues: readonly z.core.$ZodIssue[], location: ProblemLocation): FieldError[] =>
  issues.flatMap((issue) => {
    // Unknown keys are reported one per key, each at its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: location,
        path: [...issue.path, key].map(String).join('.'),
        message: 'Unknown field',
      }));
    }
    return [{ in: location, path: issue.path.map(String).join('.'), message: issue.message }];
  });

export const headerValue = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};

const isJsonMediaType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'));
};

/** Content type, size, JSON syntax and schema, in that order, each with its own 4xx answer. */
export const readJsonBody = <S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> => {
  if (!isJsonMediaType(headerValue(event, 'content-type'))) throw problems.unsupportedMediaType();
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw problems.payloadTooLarge(MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'), refuseHazards);
  } catch (error) {
    if (error instanceof HazardousJsonError) throw problems.malformedJson(error.message);
    // The parser's own message quotes the body, which may hold personal data: it is not echoed.
    throw problems.malformedJson('The body is not valid JSON.');
  }
  return validate(schema, json, 'body');
};

class HazardousJsonError extends Error {}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Valid JSON that no request needs and that would not survive as sent: a `__proto__` key (an
 * object's prototype once assigned, so silently dropped) and text with lone surrogates (not
 * Unicode; it could not be stored or shown as sent).
 */
const refuseHazards = (key: string, value: unknown): unknown => {
  if (key === '__proto__') throw new HazardousJsonError('The body must not use "__proto__" as a key.');
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw new HazardousJsonError('Text in the body must be valid Unicode.');
  return value;
};

const validate = <S extends z.ZodMiniType>(schema: S, value: unknown, location: ProblemLocation): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(issuesToFieldErrors(result.error.issues, location));
  return result.data;
};

/** The path parameters, checked against the route's schema (a 400 naming each bad one). */
export const readPath = <S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> =>
  validate(schema, event.pathParameters ?? {}, 'path');

export const readQuery = <S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> =>
  validate(schema, event.queryStringParameters ?? {}, 'query');

export const readHeader = <S extends z.ZodMiniType>(event: APIGatewayProxyEventV2, name: string, schema: S): z.output<S> => {
  const result = schema.safeParse(headerValue(event, name));
  if (!result.success) {
    throw problems.validation(result.error.issues.map((issue) => ({ in: 'header', path: name, message: issue.message })));
  }
  return result.data;
};

/** The longest `X-Access-Reason` kept. */
export const ACCESS_REASON_MAX_LENGTH = 200;
const AccessReasonSchema = z.optional(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(ACCESS_REASON_MAX_LENGTH), z.regex(/^\P{C}+$/u, 'Must be printable text')),
);

/**
 * Why staff read someone's data (`X-Access-Reason`): printable text of at most 200 characters,
 * recorded with the read. Absent here; a staff read of personal data without it is refused by the
 * access log (AccessReasonRequiredError), while a person reading their own data needs none.
 */
export const readAccessReason = (event: APIGatewayProxyEventV2): string | undefined =>
  readHeader(event, 'x-access-reason', AccessReasonSchema);

/** A client's `Idempotency-Key`: repeats with the same key and body get the first answer. */
export const IdempotencyKeySchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{8,128}$/, 'Must be 8 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"'));

export const readIdempotencyKey = (event: APIGatewayProxyEventV2): string | undefined =>
  readHeader(event, 'idempotency-key', z.optional(IdempotencyKeySchema));
