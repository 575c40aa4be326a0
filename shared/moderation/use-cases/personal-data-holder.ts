import { correctContact } from '#shared/moderation/use-cases/correct-contact.ts';
import { erase, holdsOf } from '#shared/moderation/use-cases/personal-data-erasure.ts';
import { exportOf } from '#shared/moderation/use-cases/personal-data-export.ts';
import { expireDue } from '#shared/moderation/use-cases/personal-data-retention.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';

/**
 * Trust and safety as a holder of personal data, for the privacy context: a person's export,
 * what erasure must keep and why, erasure, the correction of contact details on notices under
 * review, and the retention of notices and appeals (retentionPolicy.noticesAndAppeals).
 */
export const createModerationPersonalDataHolder = (ports: Pick<ModerationPorts, 'store' | 'cipher'>): PersonalDataHolder => ({
  section: 'moderation',
  exportOf: (subject) => exportOf(ports, subject),
  holdsOf: (subject, now) => holdsOf(ports, subject, now),
  erase: (subject, now) => erase(ports, subject, now),
  correctContact: (subject, correction) => correctContact(ports, subject, correction),
  expireDue: (day, now) => expireDue(ports, day, now),
});
