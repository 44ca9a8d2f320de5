import { InvalidConfigError } from '../errors/InvalidConfigError';
import { assignmentImageKey } from './assignmentImageKey';
import { ImageMetadata } from './ImageMetadata';
import { DEFAULT_IMAGE_POLICY, ImagePolicy } from './ImagePolicy';

describe('ImagePolicy (spec 003)', () => {
  it('defaults to 1024 px, WebP quality 85, 30% minimum reduction', () => {
    expect(DEFAULT_IMAGE_POLICY).toEqual({ maxDimension: 1024, quality: 85, format: 'webp', minReduction: 0.3 });
    expect(ImagePolicy.create()).toEqual(DEFAULT_IMAGE_POLICY);
    expect(Object.isFrozen(ImagePolicy.create({ quality: 70 }))).toBe(true);
  });

  it.each([
    [{ maxDimension: 0 }, /maxDimension/],
    [{ maxDimension: 1.5 }, /maxDimension/],
    [{ quality: 101 }, /quality/],
    [{ quality: 0 }, /quality/],
    [{ format: 'gif' as 'webp' }, /format/],
    [{ minReduction: 1 }, /minReduction/],
    [{ minReduction: -0.1 }, /minReduction/],
    [{ minReduction: NaN }, /minReduction/],
  ])('rejects %p', (partial, message) => {
    expect(() => ImagePolicy.create(partial)).toThrow(InvalidConfigError);
    expect(() => ImagePolicy.create(partial)).toThrow(message);
  });

  it('fits images inside maxDimension², keeping the aspect ratio and never enlarging', () => {
    expect(ImagePolicy.targetSize(DEFAULT_IMAGE_POLICY, 2048, 1024)).toEqual({ width: 1024, height: 512 });
    expect(ImagePolicy.targetSize(DEFAULT_IMAGE_POLICY, 1000, 3000)).toEqual({ width: 341, height: 1024 });
    expect(ImagePolicy.targetSize(DEFAULT_IMAGE_POLICY, 640, 480)).toEqual({ width: 640, height: 480 });
    expect(ImagePolicy.targetSize(DEFAULT_IMAGE_POLICY, 100_000, 1)).toEqual({ width: 1024, height: 1 });
    expect(() => ImagePolicy.targetSize(DEFAULT_IMAGE_POLICY, 0, 10)).toThrow(InvalidConfigError);
  });
});

describe('ImageMetadata', () => {
  it('computes the ratio as optimised / original, as spec 003 stores compression_ratio', () => {
    const m = ImageMetadata.of({ originalSize: 2048576, optimizedSize: 1024288, format: 'webp', width: 1024, height: 1024, originalFormat: 'png' });
    expect(m.ratio).toBe(0.5);
    expect(ImageMetadata.reduction(m)).toBe(0.5);
    expect(() => ImageMetadata.of({ ...m, originalSize: -1 })).toThrow(InvalidConfigError);
  });
});

describe('assignmentImageKey', () => {
  it('is generated_images/{id}.webp by default, .png on request', () => {
    expect(assignmentImageKey('1732612345678').value).toBe('generated_images/1732612345678.webp');
    expect(assignmentImageKey('1732612345678', 'png').value).toBe('generated_images/1732612345678.png');
  });

  it('validates the assignment id as a segment', () => {
    expect(() => assignmentImageKey('../etc')).toThrow(/assignmentId/);
    expect(() => assignmentImageKey('')).toThrow(/assignmentId/);
  });
});
