import { inject } from 'vitest';
import { contractViolations } from './contract.ts';

const apiUrl = () => inject('localStack').endpoints.api;

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** One request against the local server; the body is parsed when it is JSON, and checked against the contract. */
export const http = async (
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${apiUrl()}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer = { status: response.status, headers: response.headers, text, json };
  // Every answer a test receives is held to the OpenAPI document: an undocumented status or a
  // body off its schema fails the test that received it.
  const violations = contractViolations({ method, path }, answer);
  if (violations.length > 0) throw new Error(`The answer breaks the OpenAPI contract:\n${violations.join('\n')}`);
  return answer;
};
