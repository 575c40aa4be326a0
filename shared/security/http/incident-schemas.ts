import * as z from 'zod';
import { periodPatterns } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { severities } from '#shared/security/domain/audit.ts';
import { incidentCategories, incidentStatuses, peopleNoticeDecisions, REGULATOR_NOTICE_HOURS } from '#shared/security/domain/incidents.ts';
import { idPatterns } from '#shared/security/store/keys.ts';
import { incidentIdSchema } from '#shared/security/store/incident-page-keys.ts';

const Instant = z.iso.datetime();
const NoteText = z.string().trim().min(1).max(4000);
const complaintId = z.string().regex(/^cmp_[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a complaint id (cmp_...)');
const LINKS_MAX = 50;

export const IncidentIdPathSchema = z.strictObject({ id: incidentIdSchema.meta({ description: 'The incident’s id' }) });

export const IncidentsQuerySchema = z
  .strictObject({ status: z.enum(incidentStatuses).optional(), category: z.enum(incidentCategories).optional(), limit: pageLimit, cursor: pageCursor })
  .meta({ id: 'IncidentsQuery' });

export const IncidentFiguresQuerySchema = z
  .strictObject({ quarter: z.string().regex(periodPatterns.quarter, 'Must be a quarter such as 2026-Q4') })
  .meta({ id: 'IncidentFiguresQuery' });

const PeopleNoticeSchema = z
  .strictObject({
    decision: z.enum(peopleNoticeDecisions),
    reason: z.string().trim().min(1).max(2000).optional().meta({ description: 'Why no notice is required (with `not-required` only); stored encrypted' }),
    decidedAt: Instant,
    peopleNotifiedAt: Instant.optional().meta({ description: 'When the people affected were told (with `notify` only)' }),
  })
  .meta({ id: 'IncidentPeopleNotice', description: 'The decision on telling the people affected by a breach of personal data' });

const fields = {
  category: z.enum(incidentCategories),
  severity: z.enum(severities),
  detectedAt: Instant,
  awareAt: Instant.meta({ description: `When the organisation became aware (default: detectedAt); the ${REGULATOR_NOTICE_HOURS}-hour regulator deadline runs from it` }),
  containedAt: Instant,
  resolvedAt: Instant.meta({ description: 'Only once contained, not before containedAt' }),
  affectedPeople: z.number().int().min(0).max(10_000_000_000),
  personalDataInvolved: z.boolean(),
  findingIds: z.array(z.string().regex(idPatterns.findingId)).max(LINKS_MAX).meta({ description: 'Linked security findings' }),
  complaintIds: z.array(complaintId).max(LINKS_MAX).meta({ description: 'Linked complaints' }),
  regulatorNotifiedAt: Instant.meta({ description: 'When the regulator was told (personal data involved only)' }),
  peopleNotice: PeopleNoticeSchema,
};

export const IncidentReportSchema = z
  .strictObject({
    category: fields.category,
    severity: fields.severity,
    detectedAt: fields.detectedAt,
    awareAt: fields.awareAt.optional(),
    containedAt: fields.containedAt.optional(),
    resolvedAt: fields.resolvedAt.optional(),
    affectedPeople: fields.affectedPeople,
    personalDataInvolved: fields.personalDataInvolved,
    findingIds: fields.findingIds.optional(),
    complaintIds: fields.complaintIds.optional(),
    regulatorNotifiedAt: fields.regulatorNotifiedAt.optional(),
    peopleNotice: fields.peopleNotice.optional(),
    note: NoteText.optional().meta({ description: 'The first note of the timeline; stored encrypted' }),
  })
  .meta({ id: 'IncidentReport' });

export const IncidentChangeSchema = z
  .strictObject({
    category: fields.category.optional(),
    severity: fields.severity.optional(),
    detectedAt: fields.detectedAt.optional(),
    awareAt: fields.awareAt.nullable().optional(),
    containedAt: fields.containedAt.nullable().optional(),
    resolvedAt: fields.resolvedAt.nullable().optional(),
    affectedPeople: fields.affectedPeople.optional(),
    personalDataInvolved: fields.personalDataInvolved.optional(),
    findingIds: fields.findingIds.optional(),
    complaintIds: fields.complaintIds.optional(),
    regulatorNotifiedAt: fields.regulatorNotifiedAt.nullable().optional(),
    peopleNotice: fields.peopleNotice.nullable().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'Give at least one field to change')
  .meta({ id: 'IncidentChange', description: 'The fields given replace the stored ones; `null` clears an optional one' });

export const IncidentNoteSchema = z.strictObject({ text: NoteText.meta({ description: 'Stored encrypted' }) }).meta({ id: 'IncidentNoteInput' });

const NoteSchema = z.object({ id: z.string(), at: Instant, by: z.string(), text: z.string() }).meta({ id: 'IncidentNote' });

const RegulatorNoticeSchema = z
  .object({
    deadline: Instant.meta({ description: `${REGULATOR_NOTICE_HOURS} hours after awareness` }),
    notifiedAt: Instant.optional(),
    hoursLeft: z.number().nullable().meta({ description: 'Hours to the deadline (negative once passed); null once the regulator is told' }),
    overdue: z.boolean().meta({ description: 'The deadline passed and the regulator is not told' }),
    late: z.boolean().meta({ description: 'The regulator was told after the deadline' }),
  })
  .meta({ id: 'IncidentRegulatorNotice' });

export const IncidentSchema = z
  .object({
    id: z.string(),
    category: z.enum(incidentCategories),
    severity: z.enum(severities),
    status: z.enum(incidentStatuses).meta({ description: 'From the times: resolved, contained, else open' }),
    detectedAt: Instant,
    awareAt: Instant,
    containedAt: Instant.optional(),
    resolvedAt: Instant.optional(),
    affectedPeople: z.number().int(),
    personalDataInvolved: z.boolean(),
    findingIds: z.array(z.string()),
    complaintIds: z.array(z.string()),
    regulatorNotifiedAt: Instant.optional(),
    peopleNotice: PeopleNoticeSchema.optional(),
    regulatorNotice: RegulatorNoticeSchema.optional().meta({ description: 'Personal data involved only' }),
    peopleNoticePending: z.boolean().optional().meta({ description: 'Personal data involved only: no decision yet on telling the people affected' }),
    recordedAt: Instant,
    recordedBy: z.string(),
    updatedAt: Instant,
    updatedBy: z.string(),
  })
  .meta({ id: 'Incident' });

export const IncidentDetailSchema = IncidentSchema.extend({ notes: z.array(NoteSchema).meta({ description: 'The timeline, oldest first' }) }).meta({
  id: 'IncidentDetail',
});
export const IncidentNoteViewSchema = NoteSchema;
export const IncidentPageSchema = z.object({ items: z.array(IncidentSchema), nextCursor: z.string().nullable() }).meta({ id: 'IncidentPage' });

const countsOf = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])));

export const IncidentFiguresSchema = z
  .object({
    quarter: z.string(),
    incidents: z.number().int().meta({ description: 'Incidents detected in the quarter' }),
    byCategory: countsOf(incidentCategories),
    bySeverity: countsOf(severities),
    personalDataInvolved: z.number().int(),
    medianHoursToContain: z.number().nullable().meta({ description: 'From detection, over the contained ones; null when none is' }),
    contained: z.number().int(),
    medianHoursToResolve: z.number().nullable().meta({ description: 'From detection, over the resolved ones; null when none is' }),
    resolved: z.number().int(),
    rate: z.object({
      perMillionActivePeople: z.number().nullable().meta({ description: 'Incidents per million of the average reported monthly active people; null with a reason when no month is reported' }),
      averageMonthlyActivePeople: z.number().nullable(),
      monthsReported: z.array(z.string()),
      reason: z.string().optional(),
    }),
  })
  .meta({ id: 'IncidentFigures' });
