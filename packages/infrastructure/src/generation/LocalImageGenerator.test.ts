// The local generator stands in for Nova Canvas on the embedded stack: the same request must give
// the same picture, another request another picture, and a picture must be a real one (a PNG of
// the asked size whose pixels vary), so optimisation sees realistic work.
import sharp from 'sharp';
import { GenerationRequest } from '@edgecv/domain';
import { LocalImageGenerator } from './LocalImageGenerator';

const generator = new LocalImageGenerator();
const picture = (input: Parameters<typeof GenerationRequest.parse>[0]) => generator.generate(GenerationRequest.parse(input));

describe('LocalImageGenerator', () => {
  it('is deterministic for (prompt, seed, size)', async () => {
    const a = await picture({ prompt: 'A serene mountain landscape at sunset', seed: 7, width: 512, height: 384 });
    const b = await picture({ prompt: 'A serene mountain landscape at sunset', seed: 7, width: 512, height: 384 });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('gives another picture for another prompt or seed', async () => {
    const base = await picture({ prompt: 'a fox', seed: 1, width: 320, height: 320 });
    const otherSeed = await picture({ prompt: 'a fox', seed: 2, width: 320, height: 320 });
    const otherPrompt = await picture({ prompt: 'a hare', seed: 1, width: 320, height: 320 });
    expect(Buffer.from(base.bytes).equals(Buffer.from(otherSeed.bytes))).toBe(false);
    expect(Buffer.from(base.bytes).equals(Buffer.from(otherPrompt.bytes))).toBe(false);
  });

  it('paints a real picture: a PNG of the asked size, no flat colour, as large as a model output', async () => {
    const p = await picture({ prompt: 'a lighthouse on a cliff', width: 1024, height: 1024 });
    const meta = await sharp(p.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1024, height: 1024 });
    const stats = await sharp(p.bytes).stats();
    for (const channel of stats.channels) expect(channel.stdev).toBeGreaterThan(10);
    expect(p.bytes.byteLength).toBeGreaterThan(500_000);
  });

  it('honours a cancelled signal', async () => {
    await expect(generator.generate(GenerationRequest.parse({ prompt: 'x' }), { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
