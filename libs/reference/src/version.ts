/**
 * The version of the reference data in data/v1. Every data file carries the same number;
 * raise it (and add data/v2) when a change would alter what existing cases mean, such as
 * a category code, a unit code or a deadline rule, so that stored cases can name the
 * version they were decided under.
 */
export const REFERENCE_DATA_VERSION = 1;
