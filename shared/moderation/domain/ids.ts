import * as z from 'zod';
import { idPattern } from '#shared/ids.ts';

/**
 * The ids of the trust-and-safety context, as the API's path and body schemas check them. (The
 * queue consumers check the ids of their messages with zod's small build instead, so that they
 * load neither full zod nor the API's schemas.)
 */
export const NoticeIdSchema = z.string().regex(idPattern('ntc'), 'Must be a notice id (ntc_...)');
export const CaseIdSchema = z.string().regex(idPattern('case'), 'Must be a case id (case_...)');
export const PuidSchema = z.string().regex(idPattern('sor'), 'Must be a statement id (sor_...)');
export const AppealIdSchema = z.string().regex(idPattern('apl'), 'Must be an appeal id (apl_...)');
export const ReviewIdSchema = z.string().regex(idPattern('rev'), 'Must be a content review id (rev_...)');
export const BlocklistEntryIdSchema = z.string().regex(idPattern('blk'), 'Must be a blocklist entry id (blk_...)');
