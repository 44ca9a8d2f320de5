// Option values arrive as strings. Each kind of value has one parser here, given to commander as
// the option's argParser, so a bad value is a usage error (exit 2) while the command line is
// parsed: before any server is started, any journal opened or anything written. Commander's
// message names the option and the value typed; ours adds what would have been accepted.
import { InvalidArgumentError } from 'commander';
import { JobId, KeyPrefix, RunId } from '@edgecv/domain';

/** An option's value parser, as commander calls it. */
export type OptionParser<T> = (raw: string) => T;

const WHOLE = /^[+]?\d+$/;
const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)$/;

/** A whole number from `min` (at least 0) to `max`: digits only (a leading + allowed), no decimals, exponent or blanks. */
export function integerIn(min: number, max: number): OptionParser<number> {
  return (raw) => {
    const n = WHOLE.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** A number, decimals allowed, from `min` to `max`; with `above`, `min` itself is excluded (a positive number). */
export function numberIn(min: number, max: number, { above = false }: { above?: boolean } = {}): OptionParser<number> {
  return (raw) => {
    const n = DECIMAL.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(n) || n < min || (above && n === min) || n > max) {
      throw new InvalidArgumentError(`Expected a number ${above ? `above ${min}` : `from ${min}`} up to ${max}.`);
    }
    return n;
  };
}

/** One of a fixed set of words; `ignoreCase` accepts any case and answers the set's spelling. */
export function oneOf<T extends string>(values: readonly T[], { ignoreCase = false }: { ignoreCase?: boolean } = {}): OptionParser<T> {
  return (raw) => {
    const found = values.find((v) => (ignoreCase ? v.toLowerCase() === raw.toLowerCase() : v === raw));
    if (found === undefined) throw new InvalidArgumentError(`Expected one of: ${values.join(', ')}.`);
    return found;
  };
}

/** Ids go through the domain's parsers: an invalid one is its typed error (exit 2), naming what was typed. */
export const jobIdOption: OptionParser<number> = (raw) => JobId.parse(raw);
export const runIdOption: OptionParser<number> = (raw) => RunId.parse(raw);

/** `--prefix` of a bucket scan (plan, validate): the domain's prefix rule, as the folder to list (`team/`). */
export const prefixOption = (raw: string): string => KeyPrefix.folder(KeyPrefix.parse(raw, '--prefix'));

/** A value of a format of its own (a duration, a range): `parse` answers undefined for what it does not accept. */
export function formatted<T>(parse: (raw: string) => T | undefined, expected: string): OptionParser<T> {
  return (raw) => {
    const value = parse(raw);
    if (value === undefined) throw new InvalidArgumentError(`Expected ${expected}.`);
    return value;
  };
}
