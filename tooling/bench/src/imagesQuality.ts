// How close an output is to the reference, computed from decoded pixels with sharp:
// - SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03) on luma
//   (Rec. 601 weights on the gamma-encoded values), over the valid region;
// - colour error as the mean CIE76 delta E between the output and the reference in CIELAB (D65).
// Outputs are decoded colour-managed (an embedded profile is converted to sRGB, as a browser
// does) and flattened onto mid-grey, so transparency counts as what a viewer would see. The
// reference is the upright sRGB master resized (Lanczos 3) to the output's own dimensions,
// so a tool is never penalised for rounding a side differently.
import sharp from 'sharp';

const GREY = { r: 128, g: 128, b: 128 };

export interface Decoded {
  readonly rgb: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export async function decodeForComparison(file: string | Buffer): Promise<Decoded> {
  const { data, info } = await sharp(file).flatten({ background: GREY }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height };
}

export async function referenceAt(master: string, width: number, height: number): Promise<Decoded> {
  const { data, info } = await sharp(master)
    .resize({ width, height, fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background: GREY })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height };
}

function luma(image: Decoded): Float32Array {
  const out = new Float32Array(image.width * image.height);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = 0.299 * image.rgb[p]! + 0.587 * image.rgb[p + 1]! + 0.114 * image.rgb[p + 2]!;
  return out;
}

const KERNEL = (() => {
  const k = new Float32Array(11);
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += k[i] = Math.exp(-((i - 5) ** 2) / (2 * 1.5 * 1.5));
  return k.map((v) => v / sum);
})();

/** Separable Gaussian blur over the valid region: (w-10) x (h-10). */
function blur(src: Float32Array, w: number, h: number): Float32Array {
  const ow = w - 10;
  const oh = h - 10;
  const tmp = new Float32Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k < 11; k++) s += src[y * w + x + k]! * KERNEL[k]!;
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k < 11; k++) s += tmp[(y + k) * ow + x]! * KERNEL[k]!;
      out[y * ow + x] = s;
    }
  }
  return out;
}

export function ssim(a: Decoded, b: Decoded): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('ssim needs equal sizes');
  if (a.width < 11 || a.height < 11) return Number.NaN;
  const x = luma(a);
  const y = luma(b);
  const n = x.length;
  const xx = new Float32Array(n);
  const yy = new Float32Array(n);
  const xy = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xx[i] = x[i]! * x[i]!;
    yy[i] = y[i]! * y[i]!;
    xy[i] = x[i]! * y[i]!;
  }
  const [mx, my, sxx, syy, sxy] = [x, y, xx, yy, xy].map((m) => blur(m, a.width, a.height)) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  for (let i = 0; i < mx.length; i++) {
    const ux = mx[i]!;
    const uy = my[i]!;
    const vx = sxx[i]! - ux * ux;
    const vy = syy[i]! - uy * uy;
    const cov = sxy[i]! - ux * uy;
    total += ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
  }
  return total / mx.length;
}

function srgbToLab(r8: number, g8: number, b8: number): [number, number, number] {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const r = lin(r8);
  const g = lin(g8);
  const b = lin(b8);
  const X = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const Y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const Z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f(X);
  const fy = f(Y);
  const fz = f(Z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Mean CIE76 delta E between two images of equal size. */
export function meanDeltaE76(a: Decoded, b: Decoded): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('delta E needs equal sizes');
  let total = 0;
  const pixels = a.width * a.height;
  for (let p = 0; p < pixels * 3; p += 3) {
    const [l1, a1, b1] = srgbToLab(a.rgb[p]!, a.rgb[p + 1]!, a.rgb[p + 2]!);
    const [l2, a2, b2] = srgbToLab(b.rgb[p]!, b.rgb[p + 1]!, b.rgb[p + 2]!);
    total += Math.sqrt((l1 - l2) ** 2 + (a1 - a2) ** 2 + (b1 - b2) ** 2);
  }
  return total / pixels;
}
