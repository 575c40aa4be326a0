import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { createTable } from '#shared/aws/table.ts';
import type { ComplaintStatus } from '#shared/customer-service/domain/complaint.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { complaintKey } from '#shared/customer-service/store/keys.ts';

/**
 * What other contexts may use of customer service: its name (the source of its events and the
 * partition of its figures), the owner and status of a complaint, the owner id of a channel's
 * person, and its OpenAPI paths
 * (imported from `#shared/customer-service/http/openapi.ts` by the document only).
 */

/** A period's customer-service figures from its counters, and its resolution times in hours: what the transparency report states. */
export { periodFigures, resolutionHoursOf } from '#shared/customer-service/domain/figures.ts';

/** The bounded context: the source of its domain events and the partition of its figures. */
export const CUSTOMER_SERVICE = 'customer-service';

/** The owner id of what an integration channel files for a person: the keyed pseudonym of their reference on the channel. */
export { channelOwnerIdOf } from '#shared/customer-service/use-cases/channel-owner.ts';

/**
 * Who filed a complaint, and how (a person with an account, or a channel integration on someone's
 * behalf), and the complaint's status now.
 */
interface ComplaintOwner {
  ownerId: string;
  origin: 'account' | 'integration';
  status: ComplaintStatus;
}

export interface ComplaintOwnerQuery {
  /** The owner and the current status of the complaint, or undefined when there is no such complaint. */
  ownerOf(complaintId: string): Promise<ComplaintOwner | undefined>;
}

/**
 * The owner of a complaint, read with one strongly consistent GetItem of three attributes from the
 * complaints table (consistent: an event published right after a change must see that change).
 */
export const complaintOwnerQueryFromEnvironment = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv): ComplaintOwnerQuery => {
  const table = createTable(document, readTableName(customerServiceManifest.tables.complaints, env));
  return {
    async ownerOf(complaintId) {
      const item = await table.get<ComplaintOwner>(complaintKey(complaintId), { consistent: true, projection: ['ownerId', 'origin', 'status'] });
      return item && { ownerId: item.ownerId, origin: item.origin, status: item.status };
    },
  };
};
