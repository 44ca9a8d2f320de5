// The position in a newest-first listing of assignments: after (createdAt, assignmentId), both
// descending. Opaque to clients (base64url JSON), checked when it comes back.
import { InvalidCursorError } from './AssignmentInputErrors';

/**
 * The position in a newest-first listing of assignments: after (createdAt, assignmentId), both
 * descending.
 */
export interface AssignmentCursor {
  /** Seconds since the epoch; null for documents written without created_at (listed last). */
  readonly createdAt: number | null;
  readonly assignmentId: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// The domain imports nothing, not even Buffer: a small base64url codec over UTF-8.
function encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function decode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let c = 0; c < 4; c++) n = (n << 6) | (c < chunk.length ? ALPHABET.indexOf(chunk[c] as string) : 0);
    const count = Math.floor((chunk.length * 6) / 8);
    for (let b = 0; b < count; b++) bytes.push((n >> (16 - 8 * b)) & 255);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
}

/**
 * Encodes a cursor for clients (opaque base64url JSON) and decodes and checks one that comes back.
 */
export const AssignmentCursor = /* @__PURE__ */ Object.freeze({
  encode(cursor: AssignmentCursor): string {
    return encode(JSON.stringify([cursor.createdAt, cursor.assignmentId]));
  },

  decode(value: string): AssignmentCursor {
    if (value.length === 0 || value.length > 1024 || !BASE64URL.test(value)) throw new InvalidCursorError('is not a cursor this API handed out');
    let parsed: unknown;
    try {
      parsed = JSON.parse(decode(value));
    } catch {
      throw new InvalidCursorError('is not a cursor this API handed out');
    }
    if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursorError('is not a cursor this API handed out');
    const [createdAt, assignmentId] = parsed as [unknown, unknown];
    if (!(createdAt === null || (typeof createdAt === 'number' && Number.isFinite(createdAt))) || typeof assignmentId !== 'string' || assignmentId === '') {
      throw new InvalidCursorError('is not a cursor this API handed out');
    }
    return Object.freeze({ createdAt, assignmentId });
  },
});
