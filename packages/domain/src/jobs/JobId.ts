import { InvalidJobIdError } from '../errors/InvalidJobIdError';
import { InvalidRunIdError } from '../errors/InvalidRunIdError';

/** A validated job id: a positive safe integer (see the JobId object for parsing). */
export type JobId = number & { readonly __brand: 'JobId' };
/** A validated run id: a positive safe integer (see the RunId object for parsing). */
export type RunId = number & { readonly __brand: 'RunId' };

// Canonical decimal only: "012", "+12", "1e3" or " 12" would name the same job in two ways.
const DECIMAL = /^[1-9][0-9]*$/;

function positiveSafeInteger(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  }
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** A job's id: a positive safe integer, from a number or its canonical decimal string. */
export const JobId = /* @__PURE__ */ Object.freeze({
  parse(value: string | number): JobId {
    const n = positiveSafeInteger(value);
    if (n === undefined) throw new InvalidJobIdError(value);
    return n as JobId;
  },
  isValid(value: unknown): boolean {
    return positiveSafeInteger(value) !== undefined;
  },
});

/** A run's id, on the same rules as a job's. */
export const RunId = /* @__PURE__ */ Object.freeze({
  parse(value: string | number): RunId {
    const n = positiveSafeInteger(value);
    if (n === undefined) throw new InvalidRunIdError(value);
    return n as RunId;
  },
  isValid(value: unknown): boolean {
    return positiveSafeInteger(value) !== undefined;
  },
});
