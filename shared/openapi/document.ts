import * as z from 'zod';
import { createDocument, type ZodOpenApiResponsesObject } from 'zod-openapi';
import {
  ComplaintIdSchema,
  ComplaintPageSchema,
  ComplaintReceiptSchema,
  ComplaintSchema,
  CreateComplaintRequestSchema,
  IdempotencyKeySchema,
  ListComplaintsQuerySchema,
} from '#shared/complaints/schemas.ts';
import { MAX_BODY_BYTES } from '#shared/http/request.ts';
import { ProblemSchema } from '#shared/http/problem-schema.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const authenticatedErrors: ZodOpenApiResponsesObject = {
  '400': problem('The request is not valid; `errors` names each offending field'),
  '401': problem('Missing, expired or invalid bearer token'),
  '500': problem('Unexpected error; quote `correlationId` when reporting it'),
};

export const HealthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime() }).meta({ id: 'Health' });

/** The OpenAPI 3.1 document of the whole API, generated from the same zod schemas that validate requests. */
export const buildOpenApiDocument = (serverUrl?: string) =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'User-protection platform API',
      version: '1.0.0',
      description:
        'Complaints with a 24-hour first-response commitment. Errors are RFC 9457 problem details. ' +
        `Bodies are JSON of at most ${MAX_BODY_BYTES} bytes.`,
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token (locally: `npm run token -- --sub <id> --role <role>`)',
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/complaints': {
        post: {
          operationId: 'fileComplaint',
          summary: 'File a complaint',
          description:
            'Any authenticated caller files a complaint in their own name. Subject, description, contact ' +
            'and the related URL are encrypted before they are stored.',
          requestParams: {
            header: z.object({
              'idempotency-key': IdempotencyKeySchema.optional().meta({
                description:
                  'Repeats with the same key and body return the first result for 24 hours; the same key with another body is refused with 422.',
              }),
            }),
          },
          requestBody: { required: true, content: { 'application/json': { schema: CreateComplaintRequestSchema } } },
          responses: {
            '201': {
              description: 'Filed',
              headers: z.object({ location: z.string().meta({ description: 'The URL of the new complaint' }) }),
              content: { 'application/json': { schema: ComplaintReceiptSchema } },
            },
            ...authenticatedErrors,
            '409': problem('A request with this Idempotency-Key is still in progress'),
            '413': problem('Body larger than 64 KiB'),
            '415': problem('Body not sent as application/json'),
            '422': problem('Idempotency-Key reused with a different body'),
          },
        },
        get: {
          operationId: 'listMyComplaints',
          summary: "List the caller's own complaints, newest first",
          requestParams: { query: ListComplaintsQuerySchema },
          responses: {
            '200': { description: 'A page of complaints', content: { 'application/json': { schema: ComplaintPageSchema } } },
            ...authenticatedErrors,
          },
        },
      },
      '/v1/complaints/{id}': {
        get: {
          operationId: 'getComplaint',
          summary: 'Read one complaint',
          description:
            'The owner, agents and admins read it decrypted; anyone else gets 404. Staff reads are recorded with the optional reason.',
          requestParams: {
            path: z.object({ id: ComplaintIdSchema }),
            header: z.object({
              'x-access-reason': z.string().max(200).optional().meta({ description: 'Why staff read this complaint' }),
            }),
          },
          responses: {
            '200': { description: 'The complaint', content: { 'application/json': { schema: ComplaintSchema } } },
            ...authenticatedErrors,
            '404': problem('No such complaint, or not yours'),
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
      '/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness',
          security: [],
          responses: { '200': { description: 'Serving', content: { 'application/json': { schema: HealthSchema } } } },
        },
      },
    },
  });
