import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable, type TransactItem } from '#shared/aws/table.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import type { CaseState, Counters, HistoryEntry, PendingReward, ReporterDelta, StatementOfReasons } from '#shared/moderation/domain/index.ts';
import { createAppealStore } from '#shared/moderation/store/appeals.ts';
import { createAuthorityOrderStore } from '#shared/moderation/store/authority-orders.ts';
import { createBlocklistStore } from '#shared/moderation/store/blocklists.ts';
import { createCaseStore } from '#shared/moderation/store/cases.ts';
import { createLedgerStore } from '#shared/moderation/store/ledger.ts';
import { createNearDuplicateStore } from '#shared/moderation/store/near-duplicates.ts';
import { createNoticeStore } from '#shared/moderation/store/notices.ts';
import { createPersonalDataStore } from '#shared/moderation/store/personal-data.ts';
import { createRateLimitStore } from '#shared/moderation/store/rate-limits.ts';
import { createReporterStore } from '#shared/moderation/store/reporters.ts';
import { createReviewStore } from '#shared/moderation/store/reviews.ts';
import { createRewardStore } from '#shared/moderation/store/rewards.ts';
import { createStatementStore } from '#shared/moderation/store/statements.ts';
import { createStatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';

/**
 * The moderation table, one store per aggregate. Every change is one transaction (`transact`),
 * conditional on the versions read, with the figures it moves (`figureItems`) and its domain
 * events' outbox item, so nothing is half-written and nothing counted twice; statements of
 * reasons and ledger entries are written once and never updated.
 */
export const createModerationStore = (deps: { db: DynamoDBDocumentClient; tableName: string; figures: Pick<FiguresStore, 'periodUpdates'> }) => {
  const { db, tableName, figures } = deps;
  const table = createTable(db, tableName);
  const cases = createCaseStore(table);
  const statements = createStatementStore(table);
  const statementSubmissions = createStatementSubmissionStore(db, table);
  const rewards = createRewardStore(table);
  const reporters = createReporterStore(table);
  const figureItems = (at: Date, counters: Counters): TransactItem[] => figures.periodUpdates(at, counters);

  return {
    notices: createNoticeStore(table),
    cases,
    statements,
    statementSubmissions,
    appeals: createAppealStore(table),
    rewards,
    ledger: createLedgerStore(table),
    reporters,
    rateLimits: createRateLimitStore(db, tableName),
    reviews: createReviewStore(table),
    blocklists: createBlocklistStore(db, table),
    nearDuplicates: createNearDuplicateStore(table),
    authorityOrders: createAuthorityOrderStore(table),
    personalData: createPersonalDataStore(table),
    figureItems,
    transact: table.transact,

    /** A moderator's decision on a case or on its appeal: the case, its statement, the reward, the reporters' standing, history and figures. */
    decisionItems(change: {
      caseState: CaseState;
      statement?: StatementOfReasons;
      reward?: PendingReward;
      reporterDeltas: readonly ReporterDelta[];
      history: readonly HistoryEntry[];
      counters: Counters;
      at: Date;
    }): TransactItem[] {
      return [
        cases.changeItem(change.caseState),
        ...(change.statement
          ? [statements.issueItem(change.statement), ...statements.affectedItems(change.statement), statementSubmissions.pendingItem(change.statement)]
          : []),
        ...(change.reward ? [rewards.grantItem(change.reward)] : []),
        ...reporters.deltaItems(change.reporterDeltas),
        ...cases.historyItems(change.caseState.id, change.caseState.version, change.history),
        ...figureItems(change.at, change.counters),
      ];
    },
  };
};

export type ModerationStore = ReturnType<typeof createModerationStore>;
