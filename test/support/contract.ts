import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '#shared/platform/http/openapi-document.ts';

/**
 * The OpenAPI document as a contract the API tests hold every answer to: an answer whose status
 * its operation does not document, whose content type differs from the documented one, or whose
 * body does not match the documented schema, fails the test that received it. Answers to paths or
 * methods the document does not have (an unknown route's 404) are not the contract's business.
 */

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Response {
  content?: Record<string, MediaType>;
  headers?: Record<string, { required?: boolean }>;
}
interface Operation {
  responses: Record<string, Response>;
}

const document = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, Schema> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// Every component schema under the id the document's $refs use.
ajv.addSchema({ $id: 'openapi.json', components: document.components });
const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `openapi.json${inner}` : rewriteRefs(inner),
      ]),
    );
  }
  return value;
};
const validators = new Map<Schema, ReturnType<typeof ajv.compile>>();
const validatorOf = (schema: Schema) => {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Schema);
    validators.set(schema, validate);
  }
  return validate;
};

/** Path templates, the literal ones first (`/health/ready` before `/health/{x}`). */
const templates = Object.keys(document.paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/]+\}/g, '[^/]+')}$`),
    literal: !template.includes('{'),
  }))
  .sort((a, b) => Number(b.literal) - Number(a.literal) || b.template.length - a.template.length);

const operationOf = (method: string, path: string): { key: string; operation: Operation } | undefined => {
  const pathname = new URL(path, 'http://contract').pathname;
  for (const { template, pattern } of templates) {
    if (!pattern.test(pathname)) continue;
    const operation = document.paths[template]?.[method.toLowerCase()];
    if (operation) return { key: `${method.toUpperCase()} ${template}`, operation };
  }
  return undefined;
};

/** The problems of one answer against the contract; an empty list when it keeps it. */
export const contractViolations = (
  request: { method: string; path: string },
  answer: { status: number; headers: Headers; json: unknown; text: string },
): string[] => {
  const found = operationOf(request.method, request.path);
  if (!found) return [];
  const { key, operation } = found;
  const response = operation.responses[String(answer.status)] ?? operation.responses[`${String(answer.status)[0]}XX`];
  if (!response) {
    return [`${key} answered ${answer.status}, which its operation does not document (${Object.keys(operation.responses).join(', ')})`];
  }
  const violations: string[] = [];
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required !== false && !answer.headers.has(name)) violations.push(`${key} ${answer.status} lacks the documented header ${name}`);
  }
  const documentedTypes = Object.keys(response.content ?? {});
  if (documentedTypes.length === 0) return violations;
  const contentType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const media = response.content?.[contentType];
  if (!media) {
    return [...violations, `${key} ${answer.status} answered ${contentType || 'no content type'}, documented: ${documentedTypes.join(', ')}`];
  }
  if (media.schema && Object.keys(media.schema).length > 0) {
    const validate = validatorOf(media.schema);
    // A JSON body is held to its schema parsed; any other (CSV, HTML) as the text it is.
    const isJson = /[/+]json$/.test(contentType);
    if (!validate(isJson ? answer.json : answer.text)) {
      violations.push(`${key} ${answer.status} body does not match its schema: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return violations;
};

/**
 * The problems of a handler's answer (`invokeApi` in ./events.ts) against the contract, the request
 * given as the route key and path parameters the handler was invoked with.
 */
export const invokedViolations = (
  request: { routeKey: string; pathParameters?: Record<string, string> },
  answer: { status: number; headers: Record<string, string>; body?: unknown; text?: string },
): string[] => {
  const [method = 'GET', template = '/'] = request.routeKey.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => request.pathParameters?.[name] ?? name);
  return contractViolations({ method, path }, { status: answer.status, headers: new Headers(answer.headers), json: answer.body, text: answer.text ?? '' });
};
