import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readTableName } from '#shared/config.ts';
import { createTable } from '#shared/aws/table.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { complaintKey } from '#shared/customer-service/store/keys.ts';

/**
 * What other contexts may use of customer service: its name (the source of its events and the
 * partition of its figures), the owner of a complaint, and its OpenAPI paths (imported from
 * `#shared/customer-service/http/openapi.ts` by the document only).
 */

/** The bounded context: the source of its domain events and the partition of its figures. */
export const CUSTOMER_SERVICE = 'customer-service';

/** Who filed a complaint, and how: a person with an account, or a channel integration on someone's behalf. */
interface ComplaintOwner {
  ownerId: string;
  origin: 'account' | 'integration';
}

export interface ComplaintOwnerQuery {
  /** The owner of the complaint, or undefined when there is no such complaint. */
  ownerOf(complaintId: string): Promise<ComplaintOwner | undefined>;
}

/** The owner of a complaint, read with one GetItem of two attributes from the complaints table. */
export const complaintOwnerQueryFromEnvironment = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv): ComplaintOwnerQuery => {
  const table = createTable(document, readTableName(customerServiceManifest.tables.complaints, env));
  return {
    async ownerOf(complaintId) {
      const item = await table.get<ComplaintOwner>(complaintKey(complaintId), { projection: 'ownerId, origin' });
      return item && { ownerId: item.ownerId, origin: item.origin };
    },
  };
};
