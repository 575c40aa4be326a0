import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { problems, type FieldError, type ProblemLocation } from '#shared/http/problem.ts';

/** Bodies above this size are refused before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export const issuesToFieldErrors = (issues: readonly z.core.$ZodIssue[], location: ProblemLocation): FieldError[] =>
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
export const readJsonBody = <S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> => {
  if (!isJsonMediaType(headerValue(event, 'content-type'))) throw problems.unsupportedMediaType();
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw problems.payloadTooLarge(MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    // The parser's own message quotes the body, which may hold personal data: it is not echoed.
    throw problems.malformedJson('The body is not valid JSON.');
  }
  return validate(schema, json, 'body');
};

export const validate = <S extends z.ZodType>(schema: S, value: unknown, location: ProblemLocation): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(issuesToFieldErrors(result.error.issues, location));
  return result.data;
};

export const readQuery = <S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> =>
  validate(schema, event.queryStringParameters ?? {}, 'query');

export const readHeader = <S extends z.ZodType>(event: APIGatewayProxyEventV2, name: string, schema: S): z.output<S> => {
  const result = schema.safeParse(headerValue(event, name));
  if (!result.success) {
    throw problems.validation(result.error.issues.map((issue) => ({ in: 'header', path: name, message: issue.message })));
  }
  return result.data;
};
