import sharp from 'sharp';
import { CorruptImageError, ImageTooLargeError, UnsupportedImageError } from '@edgecv/use-cases';
import { SharpImageOptimizer } from './SharpImageOptimizer';
import { decode, pngBomb, syntheticPng, syntheticSharp } from './testImages.fixture';

const optimizer = new SharpImageOptimizer();

/** The pixel at (x, y) of a decoded image, as [r, g, b, a?]. */
function pixelAt(image: { data: Buffer; width: number; channels: number }, x: number, y: number): number[] {
  const i = (y * image.width + x) * image.channels;
  return [...image.data.subarray(i, i + image.channels)];
}

describe('SharpImageOptimizer', () => {
  it('re-encodes a large PNG as WebP fitted inside 1024x1024, reporting sizes, ratio and dimensions', async () => {
    const png = await syntheticPng({ width: 2048, height: 1536, alpha: false, texture: 'mixed', seed: 1 });

    const result = await optimizer.optimize(png);

    expect(result.contentType).toBe('image/webp');
    expect(result.encoding).toBe('lossy');
    expect(result.optimized).toBe(true);
    expect(result.metadata).toEqual({
      originalSize: png.byteLength,
      optimizedSize: result.bytes.byteLength,
      ratio: result.bytes.byteLength / png.byteLength,
      format: 'webp',
      width: 1024,
      height: 768,
      originalFormat: 'png',
    });
    const stored = await sharp(result.bytes).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['webp', 1024, 768]);
  });

  it('never enlarges an image smaller than the box', async () => {
    const png = await syntheticPng({ width: 300, height: 200, alpha: false, texture: 'mixed', seed: 2 });
    const result = await optimizer.optimize(png);
    expect([result.metadata.width, result.metadata.height]).toEqual([300, 200]);
  });

  it('applies the EXIF orientation before resizing, so the output is upright and carries no orientation', async () => {
    // Stored 400x200, left half red, right half blue; orientation 6 = display rotated 90 degrees
    // clockwise, so upright the image is 200x400 with red on top and blue below.
    const left = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#0000ff' } })
      .composite([{ input: left, left: 0, top: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);

    const result = await optimizer.optimize(jpeg);

    expect([result.metadata.width, result.metadata.height]).toEqual([200, 400]);
    expect((await sharp(result.bytes).metadata()).orientation).toBeUndefined();
    const image = await decode(result.bytes);
    const [topR, , topB] = pixelAt(image, 100, 20);
    const [bottomR, , bottomB] = pixelAt(image, 100, 380);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(50);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(50);
  });

  it('keeps the alpha channel: transparent stays transparent, opaque stays opaque', async () => {
    const opaqueHalf = await sharp({ create: { width: 100, height: 200, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 1 } } })
      .png()
      .toBuffer();
    const png = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: opaqueHalf, left: 0, top: 0 }])
      .png()
      .toBuffer();

    const image = await decode((await optimizer.optimize(png)).bytes);

    expect(image.channels).toBe(4);
    expect(pixelAt(image, 50, 100)[3]).toBe(255);
    expect(pixelAt(image, 150, 100)[3]).toBe(0);
  });

  it('converts a colour-profiled input to sRGB instead of dropping the profile', async () => {
    // Saturated sRGB colours stored as Display P3 values with the P3 profile attached: read
    // without colour management they would come out visibly desaturated.
    const srgb = { r: 230, g: 40, b: 30 };
    const p3 = await sharp({ create: { width: 64, height: 64, channels: 3, background: srgb } }).withIccProfile('p3').png().toBuffer();
    const { data: stored } = await sharp(p3, { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true });
    expect(Math.abs((stored[0] ?? 0) - srgb.r)).toBeGreaterThan(8);

    const image = await decode((await optimizer.optimize(p3)).bytes);

    const [r = 0, g = 0, b = 0] = pixelAt(image, 32, 32);
    expect(Math.abs(r - srgb.r)).toBeLessThanOrEqual(4);
    expect(Math.abs(g - srgb.g)).toBeLessThanOrEqual(4);
    expect(Math.abs(b - srgb.b)).toBeLessThanOrEqual(4);
  });

  it('keeps only the first frame of an animated image and says how many frames there were', async () => {
    const frame = (colour: string) => sharp({ create: { width: 40, height: 20, channels: 3, background: colour } }).png().toBuffer();
    const gif = await sharp([await frame('#ff0000'), await frame('#0000ff'), await frame('#00ff00')], { join: { animated: true } })
      .gif()
      .toBuffer();

    const result = await optimizer.optimize(gif);

    expect(result.inputFrames).toBe(3);
    const out = await sharp(result.bytes).metadata();
    expect([out.pages ?? 1, out.width, out.height]).toEqual([1, 40, 20]);
    const [r, , b] = pixelAt(await decode(result.bytes), 20, 10);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(50);
  });

  describe('when lossy WebP is not 30% smaller', () => {
    it('tries lossless WebP and keeps it when it is smaller, recording the ratio it really got', async () => {
      const flat = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }).png({ palette: true }).toBuffer();

      const result = await optimizer.optimize(flat);

      expect(result.encoding).toBe('lossless');
      expect(result.contentType).toBe('image/webp');
      expect(result.metadata.ratio).toBe(result.bytes.byteLength / flat.byteLength);
    });

    it('keeps the original bytes when nothing is smaller and the original already fits', async () => {
      const webp = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }).webp({ lossless: true }).toBuffer();

      const result = await optimizer.optimize(webp);

      expect(result.encoding).toBe('original');
      expect(result.optimized).toBe(false);
      expect(Buffer.from(result.bytes).equals(webp)).toBe(true);
      expect(result.metadata).toMatchObject({ ratio: 1, originalSize: webp.byteLength, optimizedSize: webp.byteLength, format: 'webp' });
    });
  });

  describe('refuses bad input with a typed error', () => {
    it('zero bytes: corrupt (empty)', async () => {
      await expect(optimizer.optimize(new Uint8Array(0))).rejects.toMatchObject({ code: 'IMAGE_CORRUPT', reason: 'empty', inputBytes: 0 });
    });

    it('a truncated PNG: corrupt (truncated)', async () => {
      const png = await syntheticPng({ width: 256, height: 256, alpha: true, texture: 'mixed', seed: 3 });
      const truncated = png.subarray(0, Math.floor(png.length / 2));
      const error = await optimizer.optimize(truncated).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptImageError);
      expect(error).toMatchObject({ code: 'IMAGE_CORRUPT', reason: 'truncated', inputBytes: truncated.byteLength });
    });

    it('a PNG with damaged pixel data: corrupt', async () => {
      const png = Buffer.from(await syntheticPng({ width: 128, height: 128, alpha: false, texture: 'noise', seed: 4 }));
      for (let i = 200; i < png.length - 100; i += 97) png[i] = (png[i] ?? 0) ^ 0xff;
      await expect(optimizer.optimize(png)).rejects.toBeInstanceOf(CorruptImageError);
    });

    it('bytes that are no image: unsupported', async () => {
      const error = await optimizer.optimize(Buffer.from('certainly not an image, just text')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedImageError);
      expect(error).toMatchObject({ code: 'IMAGE_UNSUPPORTED', format: undefined });
    });

    it('an SVG: unsupported (vector input is refused, it is not a generated raster)', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
      await expect(optimizer.optimize(svg)).rejects.toMatchObject({ code: 'IMAGE_UNSUPPORTED', format: 'svg' });
    });

    it('a decompression bomb (144 Mpx of zeros in 140 KB): too large, refused from the header', async () => {
      const bomb = pngBomb(12_000, 12_000);
      expect(bomb.byteLength).toBeLessThan(200_000);
      const error = await optimizer.optimize(bomb).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageTooLargeError);
      expect(error).toMatchObject({ code: 'IMAGE_TOO_LARGE', actual: { width: 12_000, height: 12_000, pixels: 144_000_000 } });
    });

    it('a header that claims 100000 x 100000 pixels: too large, nothing decoded', async () => {
      await expect(optimizer.optimize(pngBomb(100_000, 100_000, 1))).rejects.toMatchObject({
        code: 'IMAGE_TOO_LARGE',
        actual: { pixels: 10_000_000_000 },
      });
    });

    it('more bytes than the configured limit: too large', async () => {
      const small = new SharpImageOptimizer({ maxInputBytes: 1000 });
      const png = await syntheticPng({ width: 64, height: 64, alpha: false, texture: 'noise', seed: 5 });
      await expect(small.optimize(png)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', actual: { bytes: png.byteLength } });
    });

    it('carries the correlation id it was given', async () => {
      await expect(optimizer.optimize(new Uint8Array(0), { correlationId: 'req-42' })).rejects.toMatchObject({ correlationId: 'req-42' });
    });
  });

  it('follows a configured policy', async () => {
    const small = new SharpImageOptimizer({ policy: { maxDimension: 256, quality: 60, format: 'webp', minReduction: 0.3 } });
    const result = await small.optimize(await syntheticSharp({ width: 1000, height: 500, alpha: false, texture: 'mixed', seed: 6 }).png().toBuffer());
    expect([result.metadata.width, result.metadata.height]).toEqual([256, 128]);
  });
});
