// Calendar periods in the operator's time zone: where the current day, month and year began (for limits and reports).

export type Period = 'day' | 'month' | 'year';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a DateTimeFormat is slow: one per zone, reused. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/** The local calendar date (year, month 1–12, day) of an instant in a zone. */
export function localDate(instant: number, timeZone: string): { year: number; month: number; day: number } {
  const local = new Date(instant + zoneOffsetMs(instant, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The local date (YYYY-MM-DD) and time of day (HH:MM) of an instant in a zone, as people there read them. */
export function localClock(instant: number, timeZone: string): { date: string; time: string } {
  const local = new Date(instant + zoneOffsetMs(instant, timeZone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The last period computed per zone and kind, [start, end): most calls fall in it and skip Intl entirely. */
const lastPeriods = new Map<string, { start: number; end: number }>();

/** Far enough past a period's start to be inside the next one (and not past it). */
const INTO_NEXT_MS: Record<Period, number> = {
  day: 36 * 3600_000,
  month: 32 * 86_400_000,
  year: 367 * 86_400_000,
};

/** The instant (ms, UTC) at which the local day, month or year containing `instant` began. */
export function startOfPeriod(instant: number, period: Period, timeZone: string): number {
  const key = `${timeZone}|${period}`;
  const cached = lastPeriods.get(key);
  if (cached && instant >= cached.start && instant < cached.end) return cached.start;
  const start = computeStartOfPeriod(instant, period, timeZone);
  const end = computeStartOfPeriod(start + INTO_NEXT_MS[period], period, timeZone);
  lastPeriods.set(key, { start, end });
  return start;
}

function computeStartOfPeriod(instant: number, period: Period, timeZone: string): number {
  const { year, month, day } = localDate(instant, timeZone);
  const localMidnight = Date.UTC(year, period === 'year' ? 0 : month - 1, period === 'day' ? day : 1);
  // The offset at local midnight may differ from the offset now (daylight saving): correct once more.
  const guess = localMidnight - zoneOffsetMs(localMidnight, timeZone);
  return localMidnight - zoneOffsetMs(guess, timeZone);
}
