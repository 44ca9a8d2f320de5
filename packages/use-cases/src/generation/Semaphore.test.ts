import { Semaphore } from './Semaphore';

describe('Semaphore', () => {
  it('grants up to its limit at once, then one waiter per release, in arrival order', async () => {
    const s = new Semaphore(2);
    const signal = new AbortController().signal;
    const a = await s.acquire(signal);
    const b = await s.acquire(signal);
    const order: string[] = [];
    const c = s.acquire(signal).then((r) => (order.push('c'), r));
    const d = s.acquire(signal).then((r) => (order.push('d'), r));
    expect(s.inFlight).toBe(2);
    expect(s.queued).toBe(2);
    a?.();
    a?.(); // a second release of the same slot changes nothing
    await c;
    expect(s.inFlight).toBe(2);
    expect(s.queued).toBe(1);
    b?.();
    (await d)?.();
    (await c)?.();
    expect(order).toEqual(['c', 'd']);
    expect(s.inFlight).toBe(0);
  });

  it('gives up on a waiter whose signal aborts, without taking a slot', async () => {
    const s = new Semaphore(1);
    const held = await s.acquire(new AbortController().signal);
    const deadline = new AbortController();
    const waiting = s.acquire(deadline.signal);
    deadline.abort();
    expect(await waiting).toBeUndefined();
    expect(s.queued).toBe(0);
    held?.();
    expect(s.inFlight).toBe(0);
    expect(await s.acquire(AbortSignal.abort())).toBeUndefined();
  });
});
