import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from '#shared/aws/table.ts';
import { readTableName } from '#shared/config.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { MonthResults } from '#shared/surveys/domain/results.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { createCampaignStore } from '#shared/surveys/store/campaign-store.ts';
import { keys } from '#shared/surveys/store/keys.ts';
import { readMonthResults } from '#shared/surveys/use-cases/survey-results.ts';

/**
 * What other parts of the system may use of the surveys context: its name, its domain events
 * (`survey.invited`, `survey.reminder-due`: they name an invitation by its own id, never the
 * person) and the query that resolves such an id to the invitee. It subscribes to customer
 * service's `complaint.resolved` (manifest.ts, `eventRules`). Its OpenAPI paths are imported from
 * `#shared/surveys/http/openapi.ts` by the document only.
 */

/** The bounded context: the partition of its figures, the source of its events and the name in its logs. */
export const SURVEYS = 'surveys';

export { surveyKinds } from '#shared/surveys/domain/definitions.ts';
export { surveyEventTypes, type SurveyInvitedDetail, type SurveyReminderDueDetail } from '#shared/surveys/domain/events.ts';

/** The person invited and the survey they are asked to answer, as an invitation's own id names them. */
export interface Invitee {
  sub: string;
  /** The survey as the person knows it in the app (`2026-11-monthly`): the id they answer it under. */
  surveyId: string;
  /** Not answered (yet). */
  unanswered: boolean;
}

export interface InviteeQuery {
  /** The invitee of the invitation with this own id (`inv_...`), or undefined when there is none. */
  invitee(invitationId: string): Promise<Invitee | undefined>;
}

/**
 * The invitee of an invitation: two strongly consistent GetItems of the surveys table, where the
 * invitation is (by its own id), then its status (consistent: an event published right after a
 * change must see that change, and a reminder must see an answer given just before it is sent).
 */
export const inviteeQueryFromEnvironment = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv): InviteeQuery => {
  const table = createTable(document, readTableName(surveysManifest.tables.surveys, env));
  return {
    async invitee(invitationId) {
      const where = await table.get<{ userId: string; invitationId: string }>(keys.invitationRef(invitationId), {
        consistent: true,
        projection: ['userId', 'invitationId'],
      });
      if (!where) return undefined;
      const invitation = await table.get<Pick<Invitation, 'status'>>(keys.invitation(where.userId, where.invitationId), {
        consistent: true,
        projection: ['status'],
      });
      if (!invitation) return undefined;
      return { sub: where.userId, surveyId: where.invitationId, unanswered: invitation.status === 'invited' };
    },
  };
};

export type { MonthResults } from '#shared/surveys/domain/results.ts';

/**
 * The monthly survey's results of the months from `from` to `to` (`YYYY-MM`), oldest first: each
 * month's CSAT with its interval and its verdict against the target its campaign pinned. Read from
 * the counters (figures table) and the campaigns (surveys table), read only: what the transparency
 * report states of satisfaction.
 */
export const monthlySurveyResultsFromEnvironment = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv) => {
  const table = createTable(document, readTableName(surveysManifest.tables.surveys, env));
  const deps = {
    figures: createFiguresStore(document, readTableName(platformTables.figures, env), SURVEYS),
    campaigns: createCampaignStore(document, table),
    policy: surveyPolicy,
  };
  return (from: string, to: string): Promise<MonthResults[]> => readMonthResults(deps, { kind: 'monthly', from, to });
};
