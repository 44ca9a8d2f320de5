// A PNG like the ones the portal sends (Bedrock Nova Canvas: 1024x1024 RGB), made with node:zlib
// so the load generator needs no image library: a gradient with noise, so it compresses like a
// picture, not like a flat colour.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A `size` x `size` RGB PNG; `seed` varies the pixels so repeated uploads are not identical. */
export function syntheticPng(size: number, seed: number): Buffer {
  const row = 1 + size * 3;
  const raw = Buffer.alloc(row * size);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let y = 0; y < size; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      state = (state * 1664525 + 1013904223) >>> 0;
      const noise = state >>> 28;
      const i = y * row + 1 + x * 3;
      raw[i] = ((x * 255) / size + noise) & 0xff;
      raw[i + 1] = ((y * 255) / size + noise) & 0xff;
      raw[i + 2] = (((x + y) * 127) / size + seed * 37) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}
