import {
  buildWorkingCalendar,
  calendarCoverage,
  defaultCalendar,
  holidayOn,
  isWorkingDay,
  isWorkingTime,
  type CalendarSettingsData,
} from '../src';

const calendar = defaultCalendar;
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-02', true, 'an ordinary Monday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-01-01', false, "New Year's Day"],
    ['2026-01-04', true, 'the swapped working Sunday after New Year'],
    ['2026-02-14', true, 'the swapped working Saturday before the Spring Festival'],
    ['2026-02-16', false, 'Spring Festival eve (a Monday)'],
    ['2026-02-23', false, 'the last day of the Spring Festival holiday (a Monday)'],
    ['2026-02-28', true, 'the swapped working Saturday after the Spring Festival'],
    ['2026-04-06', false, 'Tomb-sweeping Day holiday (a Monday)'],
    ['2026-05-05', false, 'Labour Day holiday (a Tuesday)'],
    ['2026-05-09', true, 'the swapped working Saturday after Labour Day'],
    ['2026-06-19', false, 'Dragon Boat Festival'],
    ['2026-09-20', true, 'the swapped working Sunday before National Day'],
    ['2026-09-25', false, 'Mid-Autumn Festival'],
    ['2026-10-07', false, 'the last day of the National Day holiday (a Wednesday)'],
    ['2026-10-10', true, 'the swapped working Saturday after National Day'],
    ['2027-02-08', false, 'provisional 2027: the third day of the Spring Festival'],
    ['2027-10-04', true, 'provisional 2027: no extra days off are assumed'],
    ['2028-01-03', true, 'a Monday beyond the calendar'],
    ['2028-01-01', false, 'a Saturday beyond the calendar'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });

  it('reads a Date as the day in China Standard Time, not in UTC', () => {
    // 2026-02-13 16:30 UTC is already Saturday 14 February 00:30 in China: a swapped working day.
    expect(isWorkingDay(new Date('2026-02-13T16:30:00Z'), calendar)).toBe(true);
    // 2026-02-14 16:30 UTC is Sunday 15 February in China: the first day of the Spring Festival.
    expect(isWorkingDay(new Date('2026-02-14T16:30:00Z'), calendar)).toBe(false);
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay('2026-02-30', calendar)).toThrow(RangeError);
    expect(() => isWorkingDay('14/02/2026', calendar)).toThrow(RangeError);
    expect(() => isWorkingDay(new Date('nonsense'), calendar)).toThrow(RangeError);
  });
});

describe('working hours', () => {
  it.each([
    ['2026-03-02 08:59', false],
    ['2026-03-02 09:00', true],
    ['2026-03-02 11:59', true],
    ['2026-03-02 12:00', false],
    ['2026-03-02 13:30', true],
    ['2026-03-02 17:29', true],
    ['2026-03-02 17:30', false],
    ['2026-02-14 10:00', true],
    ['2026-02-17 10:00', false],
  ])('%s is working time: %s', (local, expected) => {
    expect(isWorkingTime(cst(local), calendar)).toBe(expected);
  });

  it('are 09:00-12:00 and 13:30-17:30 China Standard Time', () => {
    expect(calendar.utcOffsetMinutes).toBe(480);
    expect(calendar.workingPeriods.map((p) => `${p.start}-${p.end}`)).toEqual(['09:00-12:00', '13:30-17:30']);
  });
});

describe('coverage and holiday names', () => {
  it('knows which years are official, provisional or missing', () => {
    expect(calendarCoverage('2026-06-01', calendar)).toBe('official');
    expect(calendarCoverage('2027-06-01', calendar)).toBe('provisional');
    expect(calendarCoverage('2028-06-01', calendar)).toBe('none');
  });

  it('names holidays', () => {
    expect(holidayOn('2026-10-01', calendar)).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(holidayOn('2026-10-10', calendar)).toBeUndefined();
  });

  it('is frozen and survives a JSON round trip', () => {
    expect(Object.isFrozen(calendar.holidays)).toBe(true);
    const copy = JSON.parse(JSON.stringify(calendar));
    expect(isWorkingDay('2026-02-14', copy)).toBe(true);
    expect(isWorkingDay('2026-02-16', copy)).toBe(false);
  });
});

describe('buildWorkingCalendar', () => {
  const settings: CalendarSettingsData = {
    version: 1,
    timeZone: 'Asia/Shanghai',
    utcOffsetMinutes: 480,
    weekendDays: ['saturday', 'sunday'],
    workingPeriods: [{ start: '09:00', end: '17:00' }],
  };
  const year = { version: 1, year: 2026, provisional: false, source: 'test', holidays: [], swappedWorkingDays: [] };
  const day = (date: string) => ({ date, name: { zh: '测试', en: 'test' } });

  it('refuses overlapping or empty working periods', () => {
    expect(() => buildWorkingCalendar({ ...settings, workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }, [])).toThrow(/overlap/);
    expect(() => buildWorkingCalendar({ ...settings, workingPeriods: [{ start: '12:00', end: '09:00' }] }, [])).toThrow(/empty/);
    expect(() => buildWorkingCalendar({ ...settings, workingPeriods: [{ start: '9:00', end: '12:00' }] }, [])).toThrow(/HH:MM/);
  });

  it('refuses a day that is both a holiday and a swapped working day, and a date outside its year', () => {
    expect(() => buildWorkingCalendar(settings, [{ ...year, holidays: [day('2026-02-14')], swappedWorkingDays: [day('2026-02-14')] }])).toThrow(/both/);
    expect(() => buildWorkingCalendar(settings, [{ ...year, holidays: [day('2027-01-01')] }])).toThrow(/not in 2026/);
    expect(() => buildWorkingCalendar(settings, [year, year])).toThrow(/twice/);
  });
});
