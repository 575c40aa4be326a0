/** The bounded context: the partition of its figures and the name in its logs. */
export const SURVEYS = 'surveys';
