import type { AccessLog } from '#shared/access-log/index.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import type { RequestTimings } from '#shared/privacy/domain/request.ts';
import type { PrivacyStore } from '#shared/privacy/store/request-store.ts';

/** What every privacy use case works with: its table, the time, and the request timings. */
export interface PrivacyPorts {
  store: PrivacyStore;
  clock: Clock;
  timings: RequestTimings;
}

/** The requests' worker: every context's holder of personal data, and the data key for the archive. */
export interface WorkerPorts extends PrivacyPorts {
  holders: readonly PersonalDataHolder[];
  cipher: PersonalDataCipher;
}

/** The API: the archive's download and corrections, and the access log of staff reads. */
export interface ApiPorts extends PrivacyPorts {
  cipher: Pick<PersonalDataCipher, 'open'>;
  /** The holders whose open items carry contact details the person may correct. */
  correctors: readonly PersonalDataHolder[];
  accessLog: AccessLog;
}

/** The entity the archive's parts are sealed under (part of the encryption context; never change it). */
export const SEALED_ARCHIVE_PART = 'privacy-export-part';
