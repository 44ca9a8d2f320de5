import { InvalidTimestampError } from '../errors/InvalidTimestampError';

// RFC 3339 / ISO 8601 extended form with a mandatory offset: an offset-less string is read
// differently by different runtimes (local vs UTC), so it is refused rather than guessed.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** True for leap years of the proleptic Gregorian calendar (as `Date` counts them). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of `month` (1-12) in `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the parts name a real instant (month 13, Feb 30, 24:00 and leap seconds are not). */
export function isValidDateTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

// The years a 4-digit `{yyyy}` folder can hold. (Date.UTC maps years 0..99 to 1900..1999,
// hence setUTCFullYear.)
const MIN_TIME = new Date(0).setUTCFullYear(0, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The instant of `value` in epoch milliseconds: a valid Date, or an ISO 8601 string with an
 * explicit offset. Throws InvalidTimestampError otherwise.
 */
export function toEpochMillis(value: Date | string): number {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidTimestampError(value, 'is an invalid Date');
  } else if (typeof value === 'string') {
    ms = parseIso(value);
  } else {
    throw new InvalidTimestampError(value, 'must be a Date or an ISO 8601 string');
  }
  if (ms < MIN_TIME || ms > MAX_TIME) {
    throw new InvalidTimestampError(value, 'must lie between years 0000 and 9999 (UTC)');
  }
  return ms;
}

function parseIso(value: string): number {
  const m = ISO.exec(value);
  if (m === null) {
    const reason = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)
      ? 'has no UTC offset ("Z" or "+hh:mm"), so its instant is ambiguous'
      : 'is not an ISO 8601 date-time like 2025-10-23T21:15:00Z';
    throw new InvalidTimestampError(value, reason);
  }
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (!isValidDateTime(year, month, day, hour, minute, second)) {
    throw new InvalidTimestampError(value, 'names a date or time that does not exist');
  }
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const hours = Number(oh);
    const minutes = om === undefined ? 0 : Number(om);
    if (hours > 23 || minutes > 59) throw new InvalidTimestampError(value, 'has an invalid UTC offset');
    offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  return local.getTime() - offsetMinutes * 60_000;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `yyyy/mm/dd/HHMMSS` of an instant, always in UTC. */
export function formatTimestampPath(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}/${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)}/` +
    `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`
  );
}

/**
 * The instant named by the four timestamp folders `yyyy`, `mm`, `dd`, `HHMMSS` (UTC), or
 * undefined when they are malformed or name no real date.
 */
export function parseTimestampPath(
  yyyy: string,
  mm: string,
  dd: string,
  hhmmss: string,
): number | undefined {
  if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd) || !/^\d{6}$/.test(hhmmss)) {
    return undefined;
  }
  const [year, month, day] = [yyyy, mm, dd].map(Number) as [number, number, number];
  const [hour, minute, second] = [0, 2, 4].map((i) => Number(hhmmss.slice(i, i + 2))) as [
    number, number, number,
  ];
  if (!isValidDateTime(year, month, day, hour, minute, second)) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}
