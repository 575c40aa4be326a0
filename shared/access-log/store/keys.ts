/**
 * Keys of the access log: a record sits under its staff member (`STAFF#<id>`, sorted by time), is
 * indexed under its subject (`bySubject`, sparse: only records with a known subject) and under its
 * day (`byDay`, for queries by period alone). Sort keys are `<at>#<record id>`, so a period is a
 * key range.
 */
export const accessKeys = {
  staff: (staffId: string) => `STAFF#${staffId}`,
  subject: (subjectId: string) => `SUBJECT#${subjectId}`,
  day: (day: string) => `DAY#${day}`,
  sort: (at: string, id: string) => `${at}#${id}`,
};

/** The bounds of a period as sort-key bounds: `<from>` up to anything at `<to>`. */
export const periodBounds = (from: string, to: string) => ({ low: from, high: `${to}#~` });
