import type { MessageParams, MessageType } from '#shared/notifications/domain/catalogue.ts';

/**
 * Made-up parameters for every message type, as the source contexts fill them in: what comms
 * staff see when they preview a template. No real person's data, and none is needed: messages
 * carry identifiers, times, codes and staff-written statements only.
 */
export const sampleParams: { readonly [T in MessageType]: MessageParams[T] } = {
  'complaint-received': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W', firstResponseDueAt: '2025-06-03T08:14:00.000Z' },
  'complaint-replied': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W' },
  'complaint-awaiting-you': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W' },
  'complaint-resolved': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W', reopenUntil: '2025-06-19T16:40:00.000Z' },
  'complaint-closed': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W' },
  'complaint-escalated': { reference: 'cmp_01JWQV8RA0QPMDB06Y6TX13B1W', priority: 'high', targets: 'firstResponse' },
  'notice-received': { reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ' },
  'notice-decided': {
    reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ',
    outcome: 'no-action',
    redress: 'appeal',
    appealUntil: '2025-12-02T08:14:00.000Z',
  },
  'statement-of-reasons': {
    reference: 'sor_01JWQV8RA00DTTJ1TZYB6DPJPC',
    restriction: 'suspend_account',
    groundType: 'terms',
    ground:
      'Terms of Service, section 4.2 (fraudulent offers): listings must not ask buyers to pay outside the platform. The listing asked buyers to pay with gift card codes sent by private message.',
    facts:
      'The listing "Phone, as new, 50% off" was reported by another user on 2 June 2025. A moderator reviewed it and found that it advertised a discounted phone payable only with gift card codes sent by private message. Two earlier listings from the account had been removed for the same reason.',
    automatedDetection: 'false',
    automatedDecision: 'not_automated',
    redress: 'appeal',
    appealUntil: '2025-12-02T08:14:00.000Z',
    endsAt: '2025-07-02T08:14:00.000Z',
  },
  'appeal-received': { reference: 'apl_01JWQV8RA0BA1C8P822M4278EX' },
  'appeal-decided': { reference: 'apl_01JWQV8RA0BA1C8P822M4278EX', outcome: 'upheld' },
  'reward-granted': { reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ', points: '100' },
  'reward-cancelled': { reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ', points: '100' },
  'misuse-warning': { reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ' },
  'misuse-suspension': { reference: 'ntc_01JWQV8RA0ABJB3YBP5G9M17SJ', until: '2025-07-02T00:00:00.000Z' },
  'survey-invitation': { reference: '2025-06-monthly', closesAt: '2025-06-30T23:59:00.000Z' },
  'survey-reminder': { reference: '2025-06-monthly', closesAt: '2025-06-30T23:59:00.000Z' },
  'security-education-campaign': { reference: 'edu_01JWQV8RA0QPMDB06Y6TX13B1W', endsAt: '2025-09-30T00:00:00.000Z' },
  'privacy-policy-update': { reference: '3', effectiveAt: '2025-08-01T00:00:00.000Z' },
};
