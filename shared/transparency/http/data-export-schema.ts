import * as z from 'zod';

/** The transparency section of a person's data export: what `exportOf` of the transparency context returns. */
export const TransparencyExportSchema = z
  .object({
    privacyPolicyAcknowledgements: z
      .array(
        z.object({
          version: z.number().int().positive().describe('The version of the privacy policy acknowledged'),
          acknowledgedAt: z.iso.datetime().describe('When it was acknowledged'),
        }),
      )
      .describe('The privacy-policy versions the person acknowledged, oldest first'),
  })
  .describe('Transparency: the privacy-policy acknowledgements');

export type TransparencyExport = z.infer<typeof TransparencyExportSchema>;
