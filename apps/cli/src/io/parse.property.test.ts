// The option parsers as rules: a whole-number option accepts exactly the integers of its range,
// written in decimal, and returns them; everything else is commander's InvalidArgumentError.
import fc from 'fast-check';
import { InvalidArgumentError } from 'commander';
import { integerIn, numberIn, oneOf } from './parse';

const refused = (parse: (raw: string) => unknown, raw: string): boolean => {
  try {
    parse(raw);
    return false;
  } catch (error) {
    return error instanceof InvalidArgumentError;
  }
};

describe('option parsers', () => {
  it('integerIn accepts a decimal integer exactly when it is in range, and returns it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -1000, max: 1000 }), (min, span, n) => {
        const parse = integerIn(min, min + span);
        if (n >= min && n <= min + span) expect(parse(String(n))).toBe(n);
        else expect(refused(parse, String(n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('integerIn refuses every text that is not digits alone: decimals, exponents, blanks, words', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        fc.pre(!/^\+?\d+$/.test(raw));
        expect(refused(integerIn(0, Number.MAX_SAFE_INTEGER), raw)).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (const raw of ['1.5', '1e3', ' 4', '4 ', '0x10', '', '-0', 'Infinity', '9007199254740993']) expect(refused(integerIn(0, Number.MAX_SAFE_INTEGER), raw)).toBe(true);
  });

  it('numberIn with above excludes its minimum and accepts decimals inside the range', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), (n) => {
        const parse = numberIn(0, 100, { above: true });
        const raw = n.toFixed(3);
        const value = Number(raw);
        if (value > 0 && value <= 100) expect(parse(raw)).toBe(value);
        else expect(refused(parse, raw)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('oneOf answers the set spelling, and refuses the rest', () => {
    const parse = oneOf(['DEBUG', 'WARN'], { ignoreCase: true });
    expect(parse('debug')).toBe('DEBUG');
    expect(refused(parse, 'LOUD')).toBe(true);
    expect(refused(oneOf(['raw']), 'RAW')).toBe(true);
  });
});
