import { accessLogPersonalDataHolderFromEnvironment } from '#shared/access-log/wiring/personal-data.ts';
import { customerServicePersonalDataHolderFromEnvironment } from '#shared/customer-service/wiring/personal-data.ts';
import { moderationPersonalDataHolderFromEnvironment } from '#shared/moderation/wiring/personal-data.ts';
import { notificationsPersonalDataHolderFromEnvironment } from '#shared/notifications/wiring/personal-data.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { surveysPersonalDataHolderFromEnvironment } from '#shared/surveys/wiring/personal-data.ts';
import { transparencyPersonalDataHolderFromEnvironment } from '#shared/transparency/wiring/personal-data.ts';

/**
 * Every context that holds personal data, in the order of an export's sections. A new context
 * that stores personal data adds its holder here (and its section schema to the archive's).
 */
export const personalDataHoldersFromEnvironment = (env: NodeJS.ProcessEnv): PersonalDataHolder[] => [
  customerServicePersonalDataHolderFromEnvironment({ env }),
  moderationPersonalDataHolderFromEnvironment({ env }),
  surveysPersonalDataHolderFromEnvironment({ env }),
  notificationsPersonalDataHolderFromEnvironment({ env }),
  transparencyPersonalDataHolderFromEnvironment({ env }),
  accessLogPersonalDataHolderFromEnvironment({ env }),
];

/** The contexts whose open items carry contact details a person may correct. */
export const contactCorrectorsFromEnvironment = (env: NodeJS.ProcessEnv): PersonalDataHolder[] => [
  customerServicePersonalDataHolderFromEnvironment({ env }),
  moderationPersonalDataHolderFromEnvironment({ env }),
];

/** The contexts whose personal fields end by the retention job (the others expire whole by time to live). */
export const retentionHoldersFromEnvironment = (env: NodeJS.ProcessEnv): PersonalDataHolder[] => [
  customerServicePersonalDataHolderFromEnvironment({ env }),
  moderationPersonalDataHolderFromEnvironment({ env }),
  surveysPersonalDataHolderFromEnvironment({ env }),
];
