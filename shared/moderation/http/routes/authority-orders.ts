import { readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import {
  AuthorityOrderPathSchema,
  AuthorityOrderRequestSchema,
  ConfirmationRequestSchema,
  EffectRequestSchema,
} from '#shared/moderation/http/schemas/authority-orders.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import { confirmOrderReceipt, recordOrderEffect } from '#shared/moderation/use-cases/change-authority-order.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { getAuthorityOrder, listAuthorityOrders, orderView } from '#shared/moderation/use-cases/read-authority-orders.ts';
import { recordOrder } from '#shared/moderation/use-cases/record-authority-order.ts';

type AuthorityOrderRoutes =
  | 'POST /v1/moderation/authority-orders'
  | 'GET /v1/moderation/authority-orders'
  | 'GET /v1/moderation/authority-orders/{id}'
  | 'POST /v1/moderation/authority-orders/{id}/confirmation'
  | 'POST /v1/moderation/authority-orders/{id}/effect';

/** The register of Member State authorities' orders: moderators record them and their steps, staff read them. */
export const authorityOrderRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, AuthorityOrderRoutes> => ({
  'POST /v1/moderation/authority-orders': async ({ event, caller }) =>
    json(201, orderView(await recordOrder(ports, caller, readJsonBody(event, AuthorityOrderRequestSchema)))),

  'GET /v1/moderation/authority-orders': async ({ event, caller }) => json(200, await listAuthorityOrders(ports, caller, readQuery(event, PageQuerySchema))),

  'GET /v1/moderation/authority-orders/{id}': async ({ event, caller }) => json(200, await getAuthorityOrder(ports, caller, readPath(event, AuthorityOrderPathSchema).id)),

  'POST /v1/moderation/authority-orders/{id}/confirmation': async ({ event, caller }) => {
    const { id } = readPath(event, AuthorityOrderPathSchema);
    const { confirmedAt } = readJsonBody(event, ConfirmationRequestSchema);
    return json(200, orderView(await confirmOrderReceipt(ports, caller, id, confirmedAt)));
  },

  'POST /v1/moderation/authority-orders/{id}/effect': async ({ event, caller }) => {
    const { id } = readPath(event, AuthorityOrderPathSchema);
    const { effectGivenAt } = readJsonBody(event, EffectRequestSchema);
    return json(200, orderView(await recordOrderEffect(ports, caller, id, effectGivenAt)));
  },
});
