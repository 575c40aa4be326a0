import * as z from 'zod';
import { surveyKinds } from '#shared/surveys/domain/definitions.ts';

/**
 * The surveys section of a person's data export: what `exportOf` of the context's personal-data
 * holder returns, documented for the archive's JSON Schema.
 */

const exportedInvitation = z
  .object({
    surveyId: z.string().describe('The survey as the person answers it, e.g. 2026-11-monthly'),
    kind: z.enum(surveyKinds).describe('The monthly survey, or the survey after one resolved complaint'),
    campaignId: z.string().describe('The campaign the invitation belongs to'),
    invitedAt: z.iso.datetime().describe('When the person was invited'),
    expiresAt: z.iso.datetime().describe('Until when the survey could be answered'),
    complaintId: z.string().optional().describe('The resolved complaint a post-resolution survey is about'),
    status: z.enum(['invited', 'responded']).describe('Whether the person answered'),
    respondedAt: z.iso.datetime().optional().describe('When the person first answered'),
    revisedAt: z.iso.datetime().optional().describe('When the person last changed their answer'),
    remindedAt: z.iso.datetime().optional().describe('When the person was reminded'),
    answers: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .optional()
      .describe('The answers by question id: scores and choices, and free text decrypted'),
    textsRemovedAt: z.iso.datetime().optional().describe('When retention removed the free-text answers (the scores stay)'),
  })
  .describe('An invitation to a survey, with the answers given');

const seenRecord = z
  .object({
    campaignId: z.string().describe('The monthly campaign'),
    at: z.iso.datetime().describe('When the person was first seen while it ran'),
    sampled: z.boolean().describe('Whether the draw invited them'),
  })
  .describe("That the person used the app while a monthly campaign ran: the survey's sampling frame");

export const surveysExportSchema = z
  .object({
    invitations: z.array(exportedInvitation).describe("The person's survey invitations and answers"),
    seen: z.array(seenRecord).describe('The monthly campaigns during which the person was seen'),
  })
  .describe('Surveys: the invitations and answers of the person (anonymous comments filed for staff are not linked to anyone and so not listed)');

export type SurveysExport = z.infer<typeof surveysExportSchema>;
export type ExportedInvitation = z.infer<typeof exportedInvitation>;
