import * as z from 'zod/mini';
import { idPattern } from '#shared/ids.ts';

/**
 * The ids of the trust-and-safety context, as the API's path and body schemas check them. (The
 * queue consumers check the ids of their messages with schemas of their own, so that they do not
 * load the API's schemas.)
 */
export const NoticeIdSchema = z.string().check(z.regex(idPattern('ntc'), 'Must be a notice id (ntc_...)'));
export const CaseIdSchema = z.string().check(z.regex(idPattern('case'), 'Must be a case id (case_...)'));
export const PuidSchema = z.string().check(z.regex(idPattern('sor'), 'Must be a statement id (sor_...)'));
export const AppealIdSchema = z.string().check(z.regex(idPattern('apl'), 'Must be an appeal id (apl_...)'));
export const ReviewIdSchema = z.string().check(z.regex(idPattern('rev'), 'Must be a content review id (rev_...)'));
export const BlocklistEntryIdSchema = z.string().check(z.regex(idPattern('blk'), 'Must be a blocklist entry id (blk_...)'));
