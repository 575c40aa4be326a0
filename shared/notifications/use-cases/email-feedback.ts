import * as z from 'zod/mini';
import type { Clock } from '#shared/clock.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { ADDRESS_PSEUDONYM } from '#shared/notifications/domain/delivery.ts';
import type { DeliveryStore, EmailRecord } from '#shared/notifications/store/delivery-store.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';

/** The parts of an SES event notification (through SNS) that matter here. */
const recipients = z.array(z.object({ emailAddress: z.string() }));
const sesEvent = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.object({ messageId: z.string().check(z.minLength(1)) }),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: recipients })),
  complaint: z.optional(z.object({ complainedRecipients: recipients })),
});
export type SesEvent = z.infer<typeof sesEvent>;

class MalformedFeedbackError extends Error {
  override name = 'MalformedFeedbackError';
}

export const parseSesEvent = (message: string): SesEvent => {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw new MalformedFeedbackError('The SNS message is not JSON');
  }
  const parsed = sesEvent.safeParse(json);
  if (!parsed.success) throw new MalformedFeedbackError('The SNS message is not an SES event');
  return parsed.data;
};

export interface FeedbackPorts {
  deliveries: Pick<DeliveryStore, 'emailRecord' | 'recordFeedback'>;
  preferences: Pick<PreferenceStore, 'suppress'>;
  pseudonyms: Pseudonymizer;
  figures: Pick<FiguresStore, 'periodUpdates'>;
  clock: Clock;
}

type Feedback = { status: EmailRecord['status']; counter: string; suppress?: 'bounce' | 'complaint' } | undefined;

/** What an SES event means: a delivery, a permanent bounce or a complaint (both suppress the address), a rejection; a soft bounce changes nothing. */
const feedbackOf = (event: SesEvent): Feedback => {
  switch (event.eventType ?? event.notificationType) {
    case 'Delivery':
      return { status: 'delivered', counter: 'delivered' };
    case 'Bounce':
      return event.bounce?.bounceType === 'Permanent' ? { status: 'bounced', counter: 'bounced', suppress: 'bounce' } : undefined;
    case 'Complaint':
      return { status: 'complained', counter: 'complained', suppress: 'complaint' };
    case 'Reject':
      return { status: 'rejected', counter: 'rejected' };
    default:
      return undefined;
  }
};

/**
 * SES delivery feedback: moves the email's record to its new status and counts it, once however
 * often SNS delivers the notification; a permanent bounce or a complaint puts the address (by its
 * pseudonym) on the suppression list that later sends respect. Returns what it did, without addresses.
 */
export const handleEmailFeedback = async (ports: FeedbackPorts, event: SesEvent) => {
  const feedback = feedbackOf(event);
  if (!feedback) return { outcome: 'ignored' as const };
  const now = ports.clock.now();
  if (feedback.suppress) {
    const recipients = feedback.suppress === 'bounce' ? event.bounce!.bouncedRecipients : event.complaint!.complainedRecipients;
    for (const { emailAddress } of recipients) {
      await ports.preferences.suppress(await ports.pseudonyms.pseudonym(ADDRESS_PSEUDONYM, emailAddress), feedback.suppress, now.toISOString());
    }
  }
  const record = await ports.deliveries.emailRecord(event.mail.messageId);
  if (!record) return { outcome: 'unknown-message' as const };
  const counted = await ports.deliveries.recordFeedback(
    event.mail.messageId,
    feedback.status,
    ports.figures.periodUpdates(now, { [`${feedback.counter}#${record.category}#email`]: 1 }),
  );
  return { outcome: counted ? feedback.status : ('duplicate' as const), category: record.category };
};
