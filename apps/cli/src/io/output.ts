// Where a command's output goes: results on stdout (JSON when asked), notes on stderr, so
// `--json` output can always be piped into another tool.
export interface Output {
  json(value: unknown): void;
  line(text: string): void;
  note(text: string): void;
  /** The command's target: from now on every JSON object printed carries it as `target`. */
  target(target: object): void;
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a confirmation is read from; none (as in tests and pipes) is never a terminal. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function createOutput(streams: Streams): Output {
  let target: object | undefined;
  const withTarget = (value: unknown) => (target !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, target } : value);
  return {
    json: (value) => streams.stdout.write(`${JSON.stringify(withTarget(value))}\n`),
    target: (value) => {
      target = value;
    },
    line: (text) => streams.stdout.write(`${text}\n`),
    note: (text) => streams.stderr.write(`edgecv: ${text}\n`),
  };
}

/** A fixed-width text table for humans; JSON output never goes through here. */
export function table(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const all = header ? [header, ...rows] : [...rows];
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const render = (row: readonly string[]) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  const lines = all.map(render);
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}
