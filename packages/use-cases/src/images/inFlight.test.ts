import { inFlight } from './inFlight';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('inFlight', () => {
  it('never runs more than the limit at once, and yields every result', async () => {
    let running = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return i;
    };
    const results: number[] = [];
    for await (const r of inFlight(Array.from({ length: 20 }, (_, i) => task(i)), 3)) results.push(r);
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('yields in the order tasks finish', async () => {
    const slow = deferred();
    const order: string[] = [];
    const tasks = [async () => (await slow.promise, 'slow'), async () => 'fast'];
    const consume = (async () => {
      for await (const r of inFlight(tasks, 2)) {
        order.push(r);
        slow.resolve();
      }
    })();
    await consume;
    expect(order).toEqual(['fast', 'slow']);
  });

  it('lets the running tasks settle, then throws the first failure', async () => {
    let settled = 0;
    const tasks = [async () => Promise.reject(new Error('boom')), async () => (await new Promise((r) => setImmediate(r)), settled++, 1)];
    await expect((async () => {
      for await (const _ of inFlight(tasks, 2)) void _;
    })()).rejects.toThrow('boom');
    expect(settled).toBe(1);
  });

  it('refuses a limit below 1', async () => {
    await expect((async () => {
      for await (const _ of inFlight([], 0)) void _;
    })()).rejects.toThrow(RangeError);
  });
});
