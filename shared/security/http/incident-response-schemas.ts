import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { severities } from '#shared/security/domain/audit.ts';
import { incidentCategories, incidentStatuses, REGULATOR_NOTICE_HOURS } from '#shared/security/domain/incidents.ts';
import { Instant, PeopleNoticeSchema } from '#shared/security/http/incident-schemas.ts';

/**
 * The incident register's answers, and the incidents' part of the programme figures
 * (figures-schemas.ts): their part of the OpenAPI document comes from these schemas. Nothing
 * parses an answer at run time, so no function imports this module and none builds these schemas
 * (requests are in incident-schemas.ts, which this module imports, never the other way round).
 */

const NoteSchema = meta(z.object({ id: z.string(), at: Instant, by: z.string(), text: z.string() }), { id: 'IncidentNote' });

const RegulatorNoticeSchema = meta(
  z.object({
    deadline: meta(Instant, { description: `${REGULATOR_NOTICE_HOURS} hours after awareness` }),
    notifiedAt: z.optional(Instant),
    hoursLeft: meta(z.nullable(z.number()), {
      description: 'Hours to the deadline (negative once passed); null once the regulator is told',
    }),
    overdue: meta(z.boolean(), { description: 'The deadline passed and the regulator is not told' }),
    late: meta(z.boolean(), { description: 'The regulator was told after the deadline' }),
  }),
  { id: 'IncidentRegulatorNotice' },
);

export const IncidentSchema = meta(
  z.object({
    id: z.string(),
    category: z.enum(incidentCategories),
    severity: z.enum(severities),
    status: meta(z.enum(incidentStatuses), { description: 'From the times: resolved, contained, else open' }),
    detectedAt: Instant,
    awareAt: Instant,
    containedAt: z.optional(Instant),
    resolvedAt: z.optional(Instant),
    affectedPeople: z.int(),
    personalDataInvolved: z.boolean(),
    findingIds: z.array(z.string()),
    complaintIds: z.array(z.string()),
    regulatorNotifiedAt: z.optional(Instant),
    peopleNotice: z.optional(PeopleNoticeSchema),
    regulatorNotice: meta(z.optional(RegulatorNoticeSchema), { description: 'Personal data involved only' }),
    peopleNoticePending: meta(z.optional(z.boolean()), {
      description: 'Personal data involved only: no decision yet on telling the people affected',
    }),
    recordedAt: Instant,
    recordedBy: z.string(),
    updatedAt: Instant,
    updatedBy: z.string(),
  }),
  { id: 'Incident' },
);

export const IncidentDetailSchema = meta(
  z.extend(IncidentSchema, { notes: meta(z.array(NoteSchema), { description: 'The timeline, oldest first' }) }),
  { id: 'IncidentDetail' },
);
export const IncidentNoteViewSchema = NoteSchema;
export const IncidentPageSchema = pageOf(IncidentSchema, 'IncidentPage');

const countsOf = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((key) => [key, z.int()])));

export const IncidentFiguresSchema = meta(
  z.object({
    quarter: z.string(),
    incidents: meta(z.int(), { description: 'Incidents detected in the quarter' }),
    byCategory: countsOf(incidentCategories),
    bySeverity: countsOf(severities),
    personalDataInvolved: z.int(),
    medianHoursToContain: meta(z.nullable(z.number()), { description: 'From detection, over the contained ones; null when none is' }),
    contained: z.int(),
    medianHoursToResolve: meta(z.nullable(z.number()), { description: 'From detection, over the resolved ones; null when none is' }),
    resolved: z.int(),
    rate: z.object({
      perMillionActivePeople: meta(z.nullable(z.number()), {
        description: 'Incidents per million of the average reported monthly active people; null with a reason when no month is reported',
      }),
      averageMonthlyActivePeople: z.nullable(z.number()),
      monthsReported: z.array(z.string()),
      reason: z.optional(z.string()),
    }),
  }),
  { id: 'IncidentFigures' },
);
