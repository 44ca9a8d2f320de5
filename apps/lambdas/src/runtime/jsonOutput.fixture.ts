// What Powertools writes while a test runs: its JSON lines on stdout (info, debug, EMF metrics)
// and stderr (warnings, errors), parsed, in order.
export async function jsonLinesOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type Emf = { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } } & Record<string, unknown>;

/** The embedded-metric-format documents among the lines that carry the metric `name`. */
export function emfDocuments(lines: readonly Record<string, unknown>[], name: string): Emf[] {
  return lines.filter((l): l is Emf => (l as Partial<Emf>)._aws?.CloudWatchMetrics?.[0]?.Metrics.some((m) => m.Name === name) === true);
}
