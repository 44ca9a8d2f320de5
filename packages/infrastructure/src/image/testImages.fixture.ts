// Test images made on the fly: gradients, noise and their mix, with or without alpha, plus the
// hostile inputs (decompression bombs) an optimiser must refuse. Deterministic from a seed.
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';

export type Texture = 'gradient' | 'noise' | 'mixed';

export interface ImageSpec {
  readonly width: number;
  readonly height: number;
  readonly alpha: boolean;
  readonly texture: Texture;
  readonly seed: number;
}

/** Raw interleaved pixels; alpha (when present) ramps up and down between 0 and 255. */
export function syntheticRaw(spec: ImageSpec): Buffer {
  const { width: w, height: h, alpha } = spec;
  const ch = alpha ? 4 : 3;
  // xorshift32, inlined: this loop runs millions of times per image.
  let state = (spec.seed | 0) || 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const from = new Float64Array([next() * 255, next() * 255, next() * 255]);
  const to = new Float64Array([next() * 255, next() * 255, next() * 255]);
  const amplitude = spec.texture === 'gradient' ? 0 : spec.texture === 'noise' ? 255 : 40;
  const flat = spec.texture === 'noise';
  const out = Buffer.alloc(w * h * ch);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (x / w + y / h) / 2;
      const i = (y * w + x) * ch;
      for (let c = 0; c < 3; c++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const base = flat ? 128 : from[c]! * (1 - t) + to[c]! * t;
        const v = base + ((state >>> 0) / 4294967296 - 0.5) * amplitude;
        out[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
      // A triangle wave over x + y: smooth, every alpha value from 0 to 255 appears.
      if (alpha) out[i + 3] = Math.abs(((x + y) % 510) - 255);
    }
  }
  return out;
}

export function syntheticSharp(spec: ImageSpec): sharp.Sharp {
  return sharp(syntheticRaw(spec), { raw: { width: spec.width, height: spec.height, channels: spec.alpha ? 4 : 3 } });
}

export async function syntheticPng(spec: ImageSpec): Promise<Buffer> {
  return syntheticSharp(spec).png().toBuffer();
}

export const textureArb: fc.Arbitrary<Texture> = fc.constantFrom('gradient', 'noise', 'mixed');

/** 1-2048 px per side, the range the issue asks the properties to cover. */
export function imageSpecArb(sides: { min?: number; max?: number } = {}): fc.Arbitrary<ImageSpec> {
  const side = fc.integer({ min: sides.min ?? 1, max: sides.max ?? 2048 });
  return fc.record({ width: side, height: side, alpha: fc.boolean(), texture: textureArb, seed: fc.integer() });
}

// --- hostile inputs -------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real decompression bomb: a valid greyscale PNG of width x height black pixels whose
 * file is tiny (all-zero rows deflate about 1000:1). `rows` limits how many rows are actually
 * present, so a header can claim 100000 x 100000 without the test paying to build it.
 */
export function pngBomb(width: number, height: number, rows = height): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = deflateSync(Buffer.alloc((width + 1) * rows), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

export interface DecodedImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

export async function decode(bytes: Uint8Array): Promise<DecodedImage> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}
