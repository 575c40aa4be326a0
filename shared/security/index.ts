import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { activePeopleReader } from '#shared/figures/active-people.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { securityManifest } from '#shared/security/manifest.ts';
import { createEducationStore } from '#shared/security/store/education-store.ts';
import { createIncidentStore } from '#shared/security/store/incident-store.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';
import { securityFiguresOf, type SecurityFigures } from '#shared/security/use-cases/security-figures.ts';

/**
 * What other contexts may use of the security context: the education campaign's start, which the
 * notifications context turns into messages, and the programme's figures of a quarter, which the
 * transparency report states. Its OpenAPI paths are imported from
 * `#shared/security/http/openapi.ts` by the document only.
 */

/** The source of the security context's domain events. */
export const SECURITY_EVENT_SOURCE = 'user-protection.security';

/** An education campaign has started (published once, by the daily education job). */
export const EDUCATION_CAMPAIGN_STARTED_EVENT = 'security.education-campaign-started';

/** The detail of `security.education-campaign-started`: the campaign's id, audience and period. */
export interface EducationCampaignStartedDetail {
  campaignId: string;
  audience: 'people' | 'staff' | 'everyone';
  startsAt: string;
  endsAt: string;
}

export type { SecurityFigures } from '#shared/security/use-cases/security-figures.ts';

/**
 * The security programme's figures of a quarter (audits, findings, incidents, education reach),
 * read from the context's three tables and the reported active people (read only; no sealed field).
 */
export const securityFiguresFromEnvironment = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv, clock: Clock) => {
  const ports = {
    store: createSecurityStore({ db: document, tableName: readTableName(securityManifest.tables.security, env) }),
    incidents: createIncidentStore({ db: document, tableName: readTableName(securityManifest.tables.securityIncidents, env) }),
    education: createEducationStore({ db: document, tableName: readTableName(securityManifest.tables.securityEducation, env) }),
    activePeople: activePeopleReader(document, readTableName(platformTables.figures, env)),
    clock,
  };
  return (quarter: string): Promise<SecurityFigures> => securityFiguresOf(ports, quarter);
};
