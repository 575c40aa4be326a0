import * as z from 'zod/mini';
import { AppealIdSchema, CaseIdSchema, NoticeIdSchema, PuidSchema, ReviewIdSchema } from '#shared/moderation/domain/ids.ts';

/** The path parameters of the trust-and-safety routes. */
export const NoticePathSchema = z.strictObject({ id: NoticeIdSchema });
export const CasePathSchema = z.strictObject({ id: CaseIdSchema });
export const AppealPathSchema = z.strictObject({ id: AppealIdSchema });
export const StatementPathSchema = z.strictObject({ puid: PuidSchema });
export const ReviewPathSchema = z.strictObject({ id: ReviewIdSchema });
