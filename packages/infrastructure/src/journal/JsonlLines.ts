// Reads a JSONL file line by line without holding it, telling a torn last line (a crash mid-write)
// apart from a complete one.
import { createReadStream } from 'node:fs';

export interface JsonlLine {
  readonly lineNo: number;
  readonly text: string;
  /** The line ended with `\n`; only the last line of a file can lack it. */
  readonly terminated: boolean;
}

export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  let carry: Buffer[] = [];
  let lineNo = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const piece = buf.subarray(start, nl);
      const text = carry.length > 0 ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
      carry = [];
      lineNo += 1;
      if (text.length > 0) yield { lineNo, text, terminated: true };
      start = nl + 1;
    }
    if (start < buf.length) carry.push(buf.subarray(start));
  }
  if (carry.length > 0) {
    lineNo += 1;
    yield { lineNo, text: Buffer.concat(carry).toString('utf8'), terminated: false };
  }
}
