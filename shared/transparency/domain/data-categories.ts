import { retentionPolicy } from '#shared/personal-data/retention.ts';
import type { DataCategoryUse } from '#shared/transparency/domain/report.ts';

/**
 * The categories of personal data the platform processes, why, on what legal basis (GDPR Art. 6)
 * and how long each is kept. The retention is the retention policy's (`retentionPolicy`, the one
 * definition the contexts enforce), in its own words; a category without a rule there says how
 * long it is kept and that erasure at the person's request removes it.
 * Update it with the policy and the manifests: a new table of personal data changes a line here.
 */
const { closedComplaints, noticesAndAppeals, surveyFreeText, inboxItems, dataExports, accessRecords } = retentionPolicy;

export const dataCategories: readonly DataCategoryUse[] = [
  {
    category: 'account-identifiers',
    purposes: ['Signing in and telling apart the people who use the platform', 'Linking complaints, notices, appeals and answers to the person who made them'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b))',
    retention: 'Kept while the account exists; records that name an account id keep it as they are kept (see each category)',
  },
  {
    category: 'contact-details',
    purposes: ['Answering complaints and notices', 'Telling people about decisions on their reports and appeals'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b)); legal obligation for notices and appeals (GDPR Art. 6(1)(c), DSA Art. 16 and 17)',
    retention: `Encrypted with the data key in the complaint, notice or appeal it belongs to, and removed with it. ${closedComplaints.description} ${noticesAndAppeals.description}`,
  },
  {
    category: 'complaint-text',
    purposes: ['Handling the complaint: its subject, description and the conversation with staff', 'Service-level figures (counted, never the text)'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b))',
    retention: `Encrypted in the complaints table. ${closedComplaints.description}`,
  },
  {
    category: 'notices-and-appeals',
    purposes: [
      'Deciding on notices of illegal or harmful content and on appeals against decisions',
      'Statements of reasons (sent to the Transparency Database without personal data)',
      'Rewards for valid reports and measures against misuse of the notice system',
    ],
    legalBasis: 'Legal obligation (GDPR Art. 6(1)(c); DSA Art. 16, 17, 20 and 23)',
    retention: `Encrypted in the moderation table. ${noticesAndAppeals.description} The request-rate windows expire an hour after each window ends.`,
  },
  {
    category: 'survey-free-text',
    purposes: ['Measuring satisfaction and improving the service (scores are counted; comments are read by staff)'],
    legalBasis: 'Legitimate interests in improving the service (GDPR Art. 6(1)(f)); answering is voluntary',
    retention: `Kept with the person's invitation in the surveys table: the scores as given, the free text encrypted (and a copy for staff under the comment's own id). ${surveyFreeText.description}`,
  },
  {
    category: 'notification-addresses',
    purposes: ['Delivering notifications in the app and by email', 'Honouring preferences and stopping mail to addresses that bounce or complain'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b)); legitimate interests for the suppression list (GDPR Art. 6(1)(f))',
    retention:
      'Email addresses are read from the account when a message is sent, not stored by notifications; delivery markers expire after 30 days and sent-email records (no text, no address) after 400 days; preferences are kept while the account exists and deleted at the person’s request for erasure; the suppression list (by pseudonym of the address) is kept, so that no mail goes again to an address that bounced or complained',
  },
  {
    category: inboxItems.category,
    purposes: ['Showing people their notifications in the app: receipts, decisions, statements of reasons, invitations'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b)); legal obligation for statements of reasons and decisions on notices (GDPR Art. 6(1)(c), DSA Art. 16 and 17)',
    retention: `Encrypted with the data key in the notifications table. ${inboxItems.description}`,
  },
  {
    category: 'access-records',
    purposes: ['Recording every staff read of personal data: who, whose, what, when and why', 'Letting each person see who at the platform read their data; security investigations'],
    legalBasis: 'Legal obligation to secure processing (GDPR Art. 6(1)(c), Art. 32) and legitimate interests (GDPR Art. 6(1)(f))',
    retention: `Append-only, with the reason encrypted; kept through a person's request for erasure, as the platform's accountability record. ${accessRecords.description}`,
  },
  {
    category: 'privacy-policy-acknowledgements',
    purposes: ['Recording that a person acknowledged the privacy policy version in force'],
    legalBasis: 'Legal obligation to inform (GDPR Art. 6(1)(c), Art. 13)',
    retention: 'The account id and the time, once per version; kept while the account exists and deleted at the person’s request for erasure (the counts per version stay)',
  },
  {
    category: dataExports.category,
    purposes: ['Giving people a copy of the data the platform holds about them (GDPR Art. 15 and 20)'],
    legalBasis: 'Legal obligation (GDPR Art. 6(1)(c); GDPR Art. 15 and 20)',
    retention: dataExports.description,
  },
];
