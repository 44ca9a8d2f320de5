// The format of bytes the optimiser could not handle, from their magic numbers, so a fallback
// upload still carries an honest Content-Type and original-format.

export function sniffImageFormat(bytes: Uint8Array): { format: string; contentType: string } {
  const at = (i: number): number => bytes[i] ?? -1;
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (at(0) === 0x89 && ascii(1, 4) === 'PNG') return { format: 'png', contentType: 'image/png' };
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return { format: 'jpeg', contentType: 'image/jpeg' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { format: 'webp', contentType: 'image/webp' };
  if (ascii(0, 4) === 'GIF8') return { format: 'gif', contentType: 'image/gif' };
  return { format: 'unknown', contentType: 'application/octet-stream' };
}
