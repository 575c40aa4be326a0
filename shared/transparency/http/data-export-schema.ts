import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';

/** The transparency section of a person's data export: what `exportOf` of the transparency context returns. */
export const TransparencyExportSchema = describe(
  z.object({
    privacyPolicyAcknowledgements: describe(
      z.array(
        z.object({
          version: describe(z.int().check(z.positive()), 'The version of the privacy policy acknowledged'),
          acknowledgedAt: describe(z.iso.datetime(), 'When it was acknowledged'),
        }),
      ),
      'The privacy-policy versions the person acknowledged, oldest first',
    ),
  }),
  'Transparency: the privacy-policy acknowledgements',
);

export type TransparencyExport = z.infer<typeof TransparencyExportSchema>;
