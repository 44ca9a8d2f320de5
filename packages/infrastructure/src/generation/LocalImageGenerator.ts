// The generator of the embedded stack and the tests: a landscape painted from a PRNG seeded by
// (prompt, seed, size), so the same request always gives the same PNG, different requests give
// different pictures, and optimisation and the load test see the work a real picture makes
// (gradients, shapes, grain), in tens of milliseconds for 1024x1024 instead of a model call.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { GenerationRequest } from '@edgecv/domain';
import type { GeneratedPicture, ImageGenerator } from '@edgecv/use-cases';

export const LOCAL_GENERATOR_MODEL = 'edgecv-local-landscape-v1';

type Rgb = readonly [number, number, number];

/** mulberry32: small, fast, good enough to paint with; seeded from the request's hash. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hsl = (h: number, s: number, l: number): Rgb => {
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
};

export class LocalImageGenerator implements ImageGenerator {
  readonly model = LOCAL_GENERATOR_MODEL;

  async generate(request: GenerationRequest, options: { readonly signal?: AbortSignal } = {}): Promise<GeneratedPicture> {
    options.signal?.throwIfAborted();
    const digest = createHash('sha256').update(JSON.stringify([request.prompt, request.negativePrompt ?? null, request.seed, request.width, request.height])).digest();
    const pixels = paint(request.width, request.height, prng(digest.readUInt32LE(0)));
    const bytes = await sharp(pixels, { raw: { width: request.width, height: request.height, channels: 3 } })
      .png({ compressionLevel: 4, adaptiveFiltering: false })
      .toBuffer();
    options.signal?.throwIfAborted();
    return { bytes, contentType: 'image/png' };
  }
}

/** Sky gradient, a sun, three ridges of hills (far to near), a few trees, and film grain. */
function paint(width: number, height: number, random: () => number): Buffer {
  const hue = random();
  const skyTop = hsl(hue, 0.6, 0.35 + random() * 0.2);
  const skyBottom = hsl((hue + 0.08 + random() * 0.1) % 1, 0.7, 0.7 + random() * 0.15);
  const sun = { x: width * (0.2 + random() * 0.6), y: height * (0.15 + random() * 0.25), r: Math.min(width, height) * (0.05 + random() * 0.06), color: hsl((hue + 0.12) % 1, 0.9, 0.85) };
  const ridges = [0, 1, 2].map((i) => {
    const waves = [0, 1, 2].map(() => ({ f: (1 + random() * 4) * Math.PI * 2 * (i + 1) / width, p: random() * Math.PI * 2, a: height * (0.03 + random() * 0.05) / (i + 1) }));
    return { base: height * (0.5 + i * 0.13 + random() * 0.05), waves, color: hsl((hue + 0.3 + i * 0.05) % 1, 0.35 + i * 0.1, 0.45 - i * 0.12) };
  });
  const heights = ridges.map((r) => Float32Array.from({ length: width }, (_, x) => r.base - r.waves.reduce((h, w) => h + w.a * Math.sin(w.f * x + w.p), 0)));
  const trees = Array.from({ length: 6 + Math.floor(random() * 10) }, () => ({ x: random() * width, w: width * (0.01 + random() * 0.02), h: height * (0.06 + random() * 0.1) }));
  const out = Buffer.allocUnsafe(width * height * 3);
  let noise = Math.floor(random() * 0xffffffff) >>> 0;
  for (let y = 0; y < height; y++) {
    const t = y / height;
    for (let x = 0; x < width; x++) {
      let c: Rgb = [skyTop[0] + (skyBottom[0] - skyTop[0]) * t, skyTop[1] + (skyBottom[1] - skyTop[1]) * t, skyTop[2] + (skyBottom[2] - skyTop[2]) * t];
      const d = Math.hypot(x - sun.x, y - sun.y);
      if (d < sun.r * 3) {
        const glow = d < sun.r ? 1 : Math.max(0, 1 - (d - sun.r) / (sun.r * 2)) * 0.5;
        c = [c[0] + (sun.color[0] - c[0]) * glow, c[1] + (sun.color[1] - c[1]) * glow, c[2] + (sun.color[2] - c[2]) * glow];
      }
      for (let i = 0; i < ridges.length; i++) {
        if (y >= (heights[i] as Float32Array)[x]!) {
          const shade = 1 - ((y - (heights[i] as Float32Array)[x]!) / height) * 0.6;
          const col = (ridges[i] as (typeof ridges)[number]).color;
          c = [col[0] * shade, col[1] * shade, col[2] * shade];
        }
      }
      const ground = (heights[2] as Float32Array)[x]!;
      for (const tree of trees) {
        const top = ground - tree.h;
        if (y >= top && y < ground && Math.abs(x - tree.x) < ((y - top) / tree.h) * tree.w) c = [20, 60 + (tree.w % 40), 30];
      }
      // xorshift32 grain, +-12 per channel
      noise ^= noise << 13;
      noise ^= noise >>> 17;
      noise ^= noise << 5;
      const g = ((noise >>> 0) % 25) - 12;
      const o = (y * width + x) * 3;
      out[o] = Math.max(0, Math.min(255, c[0] + g));
      out[o + 1] = Math.max(0, Math.min(255, c[1] + g));
      out[o + 2] = Math.max(0, Math.min(255, c[2] + g));
    }
  }
  return out;
}
