import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ProblemDetails } from '#shared/http/problem.ts';

const baseHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...baseHeaders, ...headers },
  body: JSON.stringify(body),
});

/** A body that is not JSON (`text/html; charset=utf-8`, `text/csv; charset=utf-8`), with the same base headers. */
export const text = (
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': contentType, ...baseHeaders, ...headers },
  body,
});

export const problemResponse = (
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', ...baseHeaders, ...headers },
  body: JSON.stringify(problem),
});
