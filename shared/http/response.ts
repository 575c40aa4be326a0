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

export const problemResponse = (
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', ...baseHeaders, ...headers },
  body: JSON.stringify(problem),
});
