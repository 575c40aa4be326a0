import type { DataCategoryUse } from '#shared/transparency/domain/report.ts';

/**
 * The categories of personal data the platform processes, why, on what legal basis (GDPR Art. 6)
 * and how long each is kept, as the system stands: the retention is what the tables' manifests
 * set (their time-to-live attributes), and where nothing expires the data the catalogue says so.
 * Update it with the manifests: a new table of personal data, or a new expiry, changes a line here.
 */
const NO_EXPIRY = 'No expiry is set: kept until it is deleted by hand (no automatic deletion exists yet)';

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
    retention: `Encrypted with the data key in the complaint, notice or appeal it belongs to. ${NO_EXPIRY}`,
  },
  {
    category: 'complaint-text',
    purposes: ['Handling the complaint: its subject, description and the conversation with staff', 'Service-level figures (counted, never the text)'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b))',
    retention: `Encrypted in the complaints table. ${NO_EXPIRY}`,
  },
  {
    category: 'notices-and-appeals',
    purposes: [
      'Deciding on notices of illegal or harmful content and on appeals against decisions',
      'Statements of reasons (sent to the Transparency Database without personal data)',
      'Rewards for valid reports and measures against misuse of the notice system',
    ],
    legalBasis: 'Legal obligation (GDPR Art. 6(1)(c); DSA Art. 16, 17, 20 and 23)',
    retention: `Encrypted in the moderation table; statements of reasons are written once and kept. ${NO_EXPIRY}. Only the request-rate windows expire, an hour after each window ends`,
  },
  {
    category: 'survey-free-text',
    purposes: ['Measuring satisfaction and improving the service (scores are counted; comments are read by staff)'],
    legalBasis: 'Legitimate interests in improving the service (GDPR Art. 6(1)(f)); answering is voluntary',
    retention: `Kept with the person's invitation in the surveys table: the scores as given, the free text encrypted (and a copy for staff under the comment's own id). ${NO_EXPIRY}`,
  },
  {
    category: 'notification-addresses',
    purposes: ['Delivering notifications in the app and by email', 'Honouring preferences and stopping mail to addresses that bounce or complain'],
    legalBasis: 'Contract (GDPR Art. 6(1)(b)); legitimate interests for the suppression list (GDPR Art. 6(1)(f))',
    retention:
      'Email addresses are read from the account when a message is sent, not stored by notifications; delivery markers expire after 30 days and sent-email records (no text, no address) after 400 days; inbox items, preferences and the suppression list (by pseudonym) have no expiry',
  },
  {
    category: 'access-records',
    purposes: ['Recording every staff read of personal data: who, whose, what, when and why', 'Letting each person see who at the platform read their data; security investigations'],
    legalBasis: 'Legal obligation to secure processing (GDPR Art. 6(1)(c), Art. 32) and legitimate interests (GDPR Art. 6(1)(f))',
    retention: 'Append-only, with the reason encrypted; no expiry, so that a person can ask for as long as their data is kept',
  },
  {
    category: 'privacy-policy-acknowledgements',
    purposes: ['Recording that a person acknowledged the privacy policy version in force'],
    legalBasis: 'Legal obligation to inform (GDPR Art. 6(1)(c), Art. 13)',
    retention: `The account id and the time, once per version. ${NO_EXPIRY}`,
  },
];
