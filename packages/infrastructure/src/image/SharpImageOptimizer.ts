// The image policy carried out with sharp (libvips): EXIF rotation first, fit inside the policy's
// box without enlarging, WebP at the policy's quality with alpha kept, and a header check before
// any pixel is decoded so a decompression bomb costs nothing.
import sharp from 'sharp';
import { DEFAULT_IMAGE_POLICY, ImageMetadata, type ImageFormat, type ImagePolicy } from '@edgecv/domain';
import {
  CorruptImageError,
  ImageOptimizationError,
  ImageTooLargeError,
  UnsupportedImageError,
  type ImageOptimizer,
  type OptimizedImage,
} from '@edgecv/use-cases';
import { configureSharp, type SharpRuntime } from './configureSharp';

/** Raster formats accepted as input; vector and document formats (svg, pdf) are refused. */
export const DEFAULT_ACCEPTED_FORMATS: readonly string[] = Object.freeze(['png', 'jpeg', 'webp', 'gif', 'tiff', 'heif']);

const MIME: Readonly<Record<string, string>> = { png: 'image/png', webp: 'image/webp' };

export interface SharpImageOptimizerOptions {
  readonly policy?: ImagePolicy;
  /** Refuse inputs whose header declares more pixels than this (8192 x 8192 by default). */
  readonly limitInputPixels?: number;
  /** Refuse inputs larger than this many bytes (64 MiB by default). */
  readonly maxInputBytes?: number;
  /**
   * WebP encoder effort 0 (fast) .. 6 (small). 2 by default: libwebp's default (4, Pillow's too)
   * adds rate-distortion passes that cost about 45% more encoder time for about 1.5% fewer
   * bytes at the same quality setting; see docs/images.md and the image benchmark.
   */
  readonly effort?: number;
  /** Abort one optimisation after this many seconds (sharp's own timeout). */
  readonly timeoutSeconds?: number;
  readonly acceptedFormats?: readonly string[];
  /** libvips threads and cache: process-wide settings, applied when the optimiser is built. */
  readonly runtime?: SharpRuntime;
}

type Candidate = { bytes: Uint8Array; width: number; height: number; format: ImageFormat; encoding: OptimizedImage['encoding'] };

export class SharpImageOptimizer implements ImageOptimizer {
  private readonly policy: ImagePolicy;
  private readonly limitInputPixels: number;
  private readonly maxInputBytes: number;
  private readonly effort: number;
  private readonly timeoutSeconds: number;
  private readonly acceptedFormats: readonly string[];

  constructor(options: SharpImageOptimizerOptions = {}) {
    this.policy = options.policy ?? DEFAULT_IMAGE_POLICY;
    this.limitInputPixels = options.limitInputPixels ?? 8192 * 8192;
    this.maxInputBytes = options.maxInputBytes ?? 64 * 1024 * 1024;
    this.effort = options.effort ?? 2;
    this.timeoutSeconds = options.timeoutSeconds ?? 30;
    this.acceptedFormats = options.acceptedFormats ?? DEFAULT_ACCEPTED_FORMATS;
    configureSharp(options.runtime);
  }

  async optimize(input: Uint8Array, options: { readonly correlationId?: string } = {}): Promise<OptimizedImage> {
    const ids = { correlationId: options.correlationId };
    if (input.byteLength === 0) throw new CorruptImageError('empty', 0, ids);
    const limit = { pixels: this.limitInputPixels, bytes: this.maxInputBytes };
    if (input.byteLength > this.maxInputBytes) throw new ImageTooLargeError({ bytes: input.byteLength }, limit, ids);

    const header = await this.readHeader(input, ids);
    const format = header.format;
    if (format === undefined || !this.acceptedFormats.includes(format)) {
      throw new UnsupportedImageError(format, this.acceptedFormats, ids);
    }
    const pixels = header.width * header.height;
    if (pixels > this.limitInputPixels) {
      throw new ImageTooLargeError({ width: header.width, height: header.height, pixels, bytes: input.byteLength }, limit, ids);
    }

    const lossy = await this.encode(input, false, ids);
    let best: Candidate = lossy;
    // A lossy encode that misses the policy's reduction is usually flat artwork, where lossless
    // WebP wins; the original stays a candidate only when storing it breaks no rule of the policy.
    if (this.reduction(lossy.bytes.byteLength, input.byteLength) < this.policy.minReduction) {
      const lossless = await this.encode(input, true, ids);
      if (lossless.bytes.byteLength < best.bytes.byteLength) best = lossless;
      if (this.originalFits(header) && input.byteLength <= best.bytes.byteLength) {
        best = { bytes: input, width: header.width, height: header.height, format: header.format as ImageFormat, encoding: 'original' };
      }
    }
    return {
      bytes: best.bytes,
      contentType: MIME[best.format] ?? `image/${best.format}`,
      optimized: best.encoding !== 'original',
      encoding: best.encoding,
      inputFrames: header.pages,
      metadata: ImageMetadata.of({
        originalSize: input.byteLength,
        optimizedSize: best.bytes.byteLength,
        format: best.format,
        width: best.width,
        height: best.height,
        originalFormat: format,
      }),
    };
  }

  private reduction(outputBytes: number, inputBytes: number): number {
    return 1 - outputBytes / inputBytes;
  }

  /** Keeping the original is allowed only for a WebP/PNG that is upright and already fits. */
  private originalFits(header: Header): boolean {
    const upright = header.orientation === undefined || header.orientation === 1;
    const fits = header.width <= this.policy.maxDimension && header.height <= this.policy.maxDimension;
    return upright && fits && header.pages === 1 && (header.format === 'png' || header.format === 'webp');
  }

  private async readHeader(input: Uint8Array, ids: { correlationId?: string }): Promise<Header> {
    try {
      // metadata() parses the header only: dimensions are known before a single pixel is decoded.
      const m = await sharp(input, { limitInputPixels: false }).metadata();
      return { format: normaliseFormat(m.format), width: m.width ?? 0, height: m.height ?? 0, pages: m.pages ?? 1, orientation: m.orientation };
    } catch (error) {
      throw this.classify(error, input, ids);
    }
  }

  private async encode(input: Uint8Array, lossless: boolean, ids: { correlationId?: string }): Promise<Candidate> {
    const { maxDimension, quality } = this.policy;
    try {
      const { data, info } = await sharp(input, { limitInputPixels: this.limitInputPixels, failOn: 'error', pages: 1, sequentialRead: true })
        .timeout({ seconds: this.timeoutSeconds })
        .rotate()
        .resize({ width: maxDimension, height: maxDimension, fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' })
        .webp(lossless ? { lossless: true, effort: this.effort } : { quality, effort: this.effort, alphaQuality: 100 })
        .toBuffer({ resolveWithObject: true });
      return { bytes: data, width: info.width, height: info.height, format: 'webp', encoding: lossless ? 'lossless' : 'lossy' };
    } catch (error) {
      throw this.classify(error, input, ids);
    }
  }

  /** sharp reports everything as Error with a libvips message; turn it into a typed failure. */
  private classify(error: unknown, input: Uint8Array, ids: { correlationId?: string }): ImageOptimizationError {
    const message = error instanceof Error ? error.message : String(error);
    const options = { ...ids, cause: error };
    if (/unsupported image format/i.test(message)) return new UnsupportedImageError(undefined, this.acceptedFormats, options);
    if (/exceeds pixel limit/i.test(message)) {
      return new ImageTooLargeError({ bytes: input.byteLength }, { pixels: this.limitInputPixels, bytes: this.maxInputBytes }, options);
    }
    if (/empty/i.test(message)) return new CorruptImageError('empty', input.byteLength, options);
    if (/truncat|premature end|unexpected end|read error|not enough data/i.test(message)) {
      return new CorruptImageError('truncated', input.byteLength, options);
    }
    if (/timeout/i.test(message)) return new ImageOptimizationError(`optimisation timed out after ${this.timeoutSeconds} s`, options);
    return new CorruptImageError('undecodable', input.byteLength, options);
  }
}

interface Header {
  readonly format: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly pages: number;
  readonly orientation: number | undefined;
}

/** sharp names HEIF/AVIF 'heif' and JPEG 'jpeg'; anything else passes through. */
function normaliseFormat(format: string | undefined): string | undefined {
  if (format === 'jpg') return 'jpeg';
  if (format === 'avif') return 'heif';
  return format;
}
