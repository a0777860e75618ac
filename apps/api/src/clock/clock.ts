import type { BusinessDate } from '@recert/domain';

/**
 * The one clock of the app. `RECERT_NOW` pins it (demos, simulations, tests); business dates are
 * calendar dates in the body's time zone (architecture.md, "Time and dates").
 */
export class Clock {
  private readonly pinned: Date | null;

  constructor(
    readonly timeZone: string,
    pinnedNow?: string,
  ) {
    this.pinned = pinnedNow ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(pinnedNow) ? `${pinnedNow}T12:00:00Z` : pinnedNow) : null;
  }

  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date();
  }

  /** Today's business date in the body's time zone. */
  today(): BusinessDate {
    return businessDateOf(this.now(), this.timeZone);
  }
}

/**
 * The calendar date an instant falls on in a time zone, `YYYY-MM-DD`. The last answer per zone is
 * kept for the rest of its UTC second: every offset in the time zone database is a whole number
 * of seconds, so a date never changes inside one, and `formatToParts` took a percent of the API's
 * CPU under load (a command asks for today several times).
 */
export function businessDateOf(instant: Date, timeZone: string): BusinessDate {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastDates.get(timeZone);
  if (last?.second === second) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  lastDates.set(timeZone, { second, date });
  return date;
}

const lastDates = new Map<string, { second: number; date: BusinessDate }>();

// Building an Intl.DateTimeFormat costs more than a whole cycle-status read; one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
