import * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { authenticatedErrors, jsonBodyErrors, problem } from '#shared/http/problem-schema.ts';
import {
  AuthorityOrderIdSchema,
  AuthorityOrderRequestSchema,
  ConfirmationRequestSchema,
  EffectRequestSchema,
} from '#shared/moderation/http/schemas/authority-orders.ts';
import { AuthorityOrderPageSchema, AuthorityOrderSchema } from '#shared/moderation/http/response-schemas/authority-orders.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';

/** The paths of the register of authority orders, spread into the trust-and-safety paths. */

const json = <S extends z.ZodMiniType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodMiniType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });
const errors = { ...authenticatedErrors, '403': problem('Not allowed for your role, or a platform client') };
const writeErrors = { ...authenticatedErrors, '403': problem('Only moderators and admins record orders and their steps; never a platform client') };
const notFound = { '404': problem('No such authority order') };
const path = { path: z.object({ id: AuthorityOrderIdSchema }) };
const stepDescription = 'Counted in the periods of the order\'s receipt: the hours from receipt to this step feed the median of the transparency report (template 1.2).';

export const authorityOrderPaths: ZodOpenApiPathsObject = {
  '/v1/moderation/authority-orders': {
    post: {
      operationId: 'recordAuthorityOrder',
      summary: "Moderators: record an order of a Member State's authority, to act against illegal content (DSA Art. 9) or to provide information (Art. 10)",
      description: 'Counted by type, Member State and category in the periods of its receipt. One order per Member State and reference.',
      requestBody: body(AuthorityOrderRequestSchema),
      responses: {
        '201': json('Recorded', AuthorityOrderSchema),
        ...writeErrors,
        '409': problem('order-recorded: an order with this Member State and reference is recorded already'),
        ...jsonBodyErrors,
      },
    },
    get: {
      operationId: 'listAuthorityOrders',
      summary: 'Staff (moderators, admins, comms): the register of authority orders, newest receipt first',
      requestParams: { query: PageQuerySchema },
      responses: { '200': json('A page of orders', AuthorityOrderPageSchema), ...errors },
    },
  },
  '/v1/moderation/authority-orders/{id}': {
    get: {
      operationId: 'getAuthorityOrder',
      summary: 'Staff (moderators, admins, comms): one authority order and its steps',
      requestParams: path,
      responses: { '200': json('The order', AuthorityOrderSchema), ...errors, ...notFound },
    },
  },
  '/v1/moderation/authority-orders/{id}/confirmation': {
    post: {
      operationId: 'confirmAuthorityOrderReceipt',
      summary: 'Moderators: receipt of the order confirmed to its authority (once)',
      description: stepDescription,
      requestParams: path,
      requestBody: body(ConfirmationRequestSchema),
      responses: {
        '200': json('Receipt confirmed', AuthorityOrderSchema),
        ...writeErrors,
        ...notFound,
        '409': problem('receipt-confirmed: confirmed before; or concurrent-update'),
        ...jsonBodyErrors,
      },
    },
  },
  '/v1/moderation/authority-orders/{id}/effect': {
    post: {
      operationId: 'recordAuthorityOrderEffect',
      summary: 'Moderators: the authority informed of the effect given to the order (once, after confirming receipt)',
      description: stepDescription,
      requestParams: path,
      requestBody: body(EffectRequestSchema),
      responses: {
        '200': json('Effect recorded', AuthorityOrderSchema),
        ...writeErrors,
        ...notFound,
        '409': problem('effect-recorded: recorded before; confirm-receipt-first; or concurrent-update'),
        ...jsonBodyErrors,
      },
    },
  },
};
