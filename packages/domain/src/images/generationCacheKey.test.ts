import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { DEFAULT_PATH_CONFIG } from '../layout/S3PathConfig';
import { PathResolver } from '../legacy/PathResolver';
import { generationCacheKey } from './generationCacheKey';

const hash = 'a'.repeat(64);

describe('generationCacheKey', () => {
  it('is generated_images/cache/{sha256}.png and lies in the layout (validate does not flag it)', () => {
    const key = generationCacheKey(hash).value;
    expect(key).toBe(`generated_images/cache/${hash}.png`);
    expect(new PathResolver(DEFAULT_PATH_CONFIG).classify(key)).toMatchObject({ status: 'conforming', artifactType: 'image' });
  });

  it('accepts only a SHA-256 in hex', () => {
    expect(() => generationCacheKey('../x')).toThrow(InvalidSegmentError);
    expect(() => generationCacheKey('A'.repeat(64))).toThrow(InvalidSegmentError);
  });

  it('leaves other files under cache/ outside the layout', () => {
    expect(new PathResolver(DEFAULT_PATH_CONFIG).classify('generated_images/cache/x.png').status).not.toBe('conforming');
  });
});
