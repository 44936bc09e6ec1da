/**
 * @county/reference: the demo county's reference data (territory, units, categories,
 * deadline policy, working calendar, addresses) and the pure functions that use it
 * (working time, location). Plain TypeScript and JSON only: safe to import from
 * Temporal workflow code.
 */
export { REFERENCE_DATA_VERSION } from './version';
export type { LocalizedName } from './localized-name';

export {
  county,
  townships,
  communities,
  grids,
  townshipByCode,
  communityByCode,
  gridByCode,
  communitiesOf,
  gridsOf,
  type County,
  type Township,
  type TownshipKind,
  type Community,
  type CommunityKind,
  type Grid,
  type GridKind,
  type Polygon,
  type Position,
} from './territory';

export {
  units,
  unitByCode,
  childUnits,
  unitsOfKind,
  departments,
  centreUnit,
  supervisionUnit,
  type Unit,
  type UnitKind,
  type UnitLevel,
} from './units';

export {
  categories,
  categoryByCode,
  categoryTree,
  childCategories,
  isLeafCategory,
  leafCategory,
  leafCategories,
  type Category,
  type BranchCategory,
  type LeafCategory,
  type CategoryNode,
  type HandlingLevel,
} from './categories';

export { URGENCIES, isUrgency, type Urgency } from './urgency';
export { TIME_UNITS, clockOf, isTimeUnit, type TimeUnit, type TimeAmount, type Clock } from './time-amount';

export {
  DEADLINE_KINDS,
  deadlinePolicy,
  deadlinePolicyData,
  type DeadlineKind,
  type DeadlineLimits,
  type DeadlinePolicy,
  type DeadlinePolicyData,
  type DeadlineProfileData,
  type CategoryDeadlineData,
  type WarningThreshold,
  type WarningRecipient,
} from './deadline-policy';

export {
  WEEKDAYS,
  buildWorkingCalendar,
  calendarCoverage,
  defaultCalendar,
  holidayOn,
  isWorkingDay,
  type CalendarSettingsData,
  type CalendarYearData,
  type CalendarYearInfo,
  type DatedName,
  type Weekday,
  type WorkingCalendar,
  type WorkingPeriod,
  type WorkingPeriodData,
} from './working-calendar';

export { addWorkingDays, addWorkingTime, deadlineFor, fractionPoint, isWorkingTime, workingTimeBetween } from './working-time';

export { addressEntries, matchAddress, normaliseAddress, type AddressEntry, type AddressMatch } from './addresses';
export { isPointInPolygon, isPointInRing } from './geometry';
export {
  gridAt,
  resolveLocation,
  type LocationQuery,
  type LocationResolution,
  type LocationVia,
  type ResolvedLocation,
  type UnresolvedLocation,
} from './location';
