// At most `limit` tasks running at once, results yielded as they finish: a listing of any length
// is processed with bounded memory on every core. A failure stops taking new tasks, lets the
// running ones settle, then is thrown.

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export async function* inFlight<T>(tasks: AsyncIterable<() => Promise<T>> | Iterable<() => Promise<T>>, limit: number): AsyncIterable<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const running = new Map<number, Promise<[number, Settled<T>]>>();
  let id = 0;
  const start = (task: () => Promise<T>) => {
    const key = id++;
    running.set(
      key,
      task().then(
        (value): [number, Settled<T>] => [key, { ok: true, value }],
        (error: unknown): [number, Settled<T>] => [key, { ok: false, error }],
      ),
    );
  };
  const next = async (): Promise<T> => {
    const [key, result] = await Promise.race(running.values());
    running.delete(key);
    if (!result.ok) {
      await Promise.all(running.values());
      throw result.error;
    }
    return result.value;
  };
  for await (const task of tasks) {
    start(task);
    if (running.size >= limit) yield await next();
  }
  while (running.size > 0) yield await next();
}
