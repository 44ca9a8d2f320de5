import { InvalidKeyError } from '../errors/InvalidKeyError';
import { S3Key } from './S3Key';
import { utf8ByteLength } from './utf8';

function reasonFor(raw: string, parse: (raw: string) => S3Key = S3Key.parse): string {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidKeyError);
    expect((e as InvalidKeyError).key).toBe(raw);
    return (e as InvalidKeyError).reason;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('S3Key follows the AWS object key rules', () => {
  describe('length is counted in UTF-8 bytes', () => {
    it('accepts a key of exactly 1024 bytes', () => {
      expect(S3Key.parse('a'.repeat(1024)).value).toHaveLength(1024);
    });

    it('rejects a key of 1025 bytes', () => {
      expect(reasonFor('a'.repeat(1025))).toMatch(/1025 UTF-8 bytes/);
    });

    it('counts multi-byte characters by their bytes, not by their characters', () => {
      const twoByte = 'é'.repeat(512); // 512 chars, 1024 bytes
      const threeByte = '€'.repeat(342); // 342 chars, 1026 bytes
      const fourByte = '😀'.repeat(256); // 512 UTF-16 units, 1024 bytes
      expect(S3Key.parse(twoByte).value).toBe(twoByte);
      expect(reasonFor(threeByte)).toMatch(/1026 UTF-8 bytes/);
      expect(S3Key.parse(fourByte).value).toBe(fourByte);
      expect(reasonFor(`${fourByte}a`)).toMatch(/1025 UTF-8 bytes/);
    });

    it('agrees with the platform encoder on byte counts', () => {
      for (const s of ['', 'abc', 'é', '€', '😀', 'a/ü/日本/🎉.png']) {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }
    });

    it('rejects the empty key and lone surrogates, which have no UTF-8 form', () => {
      expect(reasonFor('')).toMatch(/empty/);
      expect(reasonFor('a\ud800b')).toMatch(/surrogate/);
      expect(reasonFor('a\udc00')).toMatch(/surrogate/);
    });
  });

  it.each([
    ['\u0000', 'NUL'],
    ['\u0009', 'tab'],
    ['\u000a', 'newline'],
    ['\u000d', 'carriage return'],
    ['\u001f', 'unit separator'],
    ['\u007f', 'DEL'],
  ])('rejects the control character U+%#x (%s)', (c) => {
    expect(reasonFor(`datasets/raw/a${c}b.png`)).toMatch(/control character/);
  });

  it('accepts characters S3 allows: spaces, +, %, non-ASCII and other punctuation', () => {
    const raw = 'datasets/raw/my photo+1 100%/Ünïcødé 日本 (copy) #2 & [x] ~!@$.jpg';
    expect(S3Key.parse(raw).value).toBe(raw);
  });

  it.each(['.', '..', 'a/./b', 'a/../b', './a', 'a/..'])('rejects a "." or ".." segment in %p', (raw) => {
    expect(reasonFor(raw)).toMatch(/"\.\.?" segment/);
  });

  it('accepts dots inside segments', () => {
    expect(S3Key.parse('a/.hidden/..b/c..d/model.tar.gz').segments).toEqual([
      'a',
      '.hidden',
      '..b',
      'c..d',
      'model.tar.gz',
    ]);
  });

  it.each(['a//b', 'datasets//training-output/x', 'a///b'])('rejects "//" in %p', (raw) => {
    expect(reasonFor(raw)).toMatch(/\/\//);
  });

  it.each(['/a', '/', '//a'])('rejects the leading "/" of %p', (raw) => {
    expect(reasonFor(raw)).toMatch(/start with "\/"/);
  });

  it('allows a trailing "/" only on folder keys', () => {
    expect(reasonFor('a/b/')).toMatch(/folder/);
    const folder = S3Key.folder('a/b/');
    expect(folder.value).toBe('a/b/');
    expect(folder.isFolder).toBe(true);
    expect(folder.segments).toEqual(['a', 'b']);
    expect(S3Key.folder('a/b').value).toBe('a/b/');
    expect(reasonFor('a//', S3Key.folder)).toMatch(/\/\//);
    expect(reasonFor('', S3Key.folder)).toMatch(/empty/);
  });

  it('is frozen, with frozen segments', () => {
    const key = S3Key.parse('a/b/c');
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.isFrozen(key.segments)).toBe(true);
    expect(() => {
      (key as { value: string }).value = 'x';
    }).toThrow(TypeError);
  });

  it('builds children that obey the same rules', () => {
    const folder = S3Key.folder('models/training/job-1');
    expect(folder.child('output', 'model.tar.gz').value).toBe('models/training/job-1/output/model.tar.gz');
    expect(S3Key.parse('a').child('b').value).toBe('a/b');
    expect(folder.childFolder('output').value).toBe('models/training/job-1/output/');
    expect(() => folder.child('')).toThrow(InvalidKeyError);
    expect(() => folder.child('..')).toThrow(InvalidKeyError);
    expect(() => folder.child('x/')).toThrow(InvalidKeyError);
    expect(() => folder.child()).toThrow(InvalidKeyError);
  });

  it('knows whether it lies within a folder', () => {
    const folder = S3Key.folder('jobs/12/');
    expect(S3Key.parse('jobs/12/x').isWithin(folder)).toBe(true);
    expect(S3Key.parse('jobs/123/x').isWithin(folder)).toBe(false);
    expect(S3Key.parse('jobs/12/x').isWithin(S3Key.parse('jobs/12'))).toBe(false);
  });

  it('prints and serialises as its value', () => {
    const key = S3Key.parse('a/b');
    expect(String(key)).toBe('a/b');
    expect(JSON.stringify({ key })).toBe('{"key":"a/b"}');
    expect(key.equals(S3Key.parse('a/b'))).toBe(true);
    expect(S3Key.isValid('a//b')).toBe(false);
    expect(S3Key.isValid('a/b/')).toBe(true);
  });
});
