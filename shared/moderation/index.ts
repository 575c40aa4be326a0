import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from '#shared/aws/table.ts';
import { readTableName } from '#shared/config.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';
import { createAppealStore } from '#shared/moderation/store/appeals.ts';
import { createCaseStore } from '#shared/moderation/store/cases.ts';
import { createNoticeStore } from '#shared/moderation/store/notices.ts';
import { createRewardStore } from '#shared/moderation/store/rewards.ts';
import { createStatementStore } from '#shared/moderation/store/statements.ts';
import { createModerationNotificationQuery, type ModerationNotificationQuery } from '#shared/moderation/use-cases/notification-query.ts';
import { limitedKeyCalls } from '#shared/moderation/wiring/key-calls.ts';

/**
 * Trust and safety, as other contexts and the platform may use it: the context's name (the
 * `<context>` of its events' source) and the query that says who its events concern. Everything
 * else in shared/moderation/ is the context's own (the OpenAPI document imports http/openapi.ts
 * directly, so that a context using this index does not load the API's schemas).
 */

export const MODERATION = moderationManifest.name;

/** The register of authority orders, as the transparency report states it (from a period's moderation counters). */
export { authorityOrderFiguresOf } from '#shared/moderation/domain/authority-order.ts';
/** The counts of content review and rewards the promise scorecard judges. */
export { promiseFiguresOf } from '#shared/moderation/domain/promise-figures.ts';

/** The trust-and-safety figures of periods from their counters (the staff route's view), and what the transparency report adds to them. */
export { appealAndRewardFiguresOf, figuresView } from '#shared/moderation/use-cases/figures-view.ts';

export type {
  ModerationContact,
  ModerationNotificationQuery,
  RewardNotification,
  StatementNotification,
} from '#shared/moderation/use-cases/notification-query.ts';

/**
 * Who the trust-and-safety events concern, read from the moderation table (strongly consistent
 * reads: an event is published right after its change). `cipher` holds the data key that opens a
 * notifier's contact email; its calls are limited in flight like the context's own.
 */
export const moderationNotificationQueryFromEnvironment = (
  document: DynamoDBDocumentClient,
  env: NodeJS.ProcessEnv,
  cipher: PersonalDataCipher,
): ModerationNotificationQuery => {
  const table = createTable(document, readTableName(moderationManifest.tables.moderation, env));
  const limited = limitedKeyCalls({ cipher }).cipher;
  const reads = {
    notices: createNoticeStore(table),
    cases: createCaseStore(table),
    statements: createStatementStore(table),
    appeals: createAppealStore(table),
    rewards: createRewardStore(table),
  };
  return createModerationNotificationQuery(reads, limited);
};
