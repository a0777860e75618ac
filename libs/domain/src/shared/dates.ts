import type { BusinessDate } from './types';

/**
 * Small pure calendar helpers for `YYYY-MM-DD` business dates. They never read the clock:
 * `new Date(...)` is only used with an explicit UTC instant built from the date itself.
 */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const instant = new Date(Date.UTC(y, m - 1, d));
  return instant.getUTCFullYear() === y && instant.getUTCMonth() === m - 1 && instant.getUTCDate() === d;
}

function toBusinessDate(instant: Date): BusinessDate {
  const y = String(instant.getUTCFullYear()).padStart(4, '0');
  const m = String(instant.getUTCMonth() + 1).padStart(2, '0');
  const d = String(instant.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  const [y, m, d] = date.split('-').map(Number);
  return toBusinessDate(new Date(Date.UTC(y, m - 1, d + days)));
}

export function endOfMonth(date: BusinessDate): BusinessDate {
  const [y, m] = date.split('-').map(Number);
  return toBusinessDate(new Date(Date.UTC(y, m, 0)));
}

export function yearOf(date: BusinessDate): number {
  return Number(date.slice(0, 4));
}

/** `dateIn(2020, '07-01')` = `2020-07-01` */
export function dateIn(year: number, monthDay: string): BusinessDate {
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

export function laterOf(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a > b ? a : b;
}

export function earlierOf(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a < b ? a : b;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}
