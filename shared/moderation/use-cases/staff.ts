import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { ModerationForbiddenError } from '#shared/moderation/domain/index.ts';
import { moderatorRoles } from '#shared/moderation/manifest.ts';

export { exportReaderRoles, staffReaderRoles } from '#shared/moderation/manifest.ts';

export const isModerator = (caller: Caller) => hasRole(caller, ...moderatorRoles);

export const requireModerator = (caller: Caller) => {
  if (!isModerator(caller)) throw new ModerationForbiddenError('Only moderators (moderator, admin) may do this.');
};
