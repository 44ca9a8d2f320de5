// `images optimize` works on files alone and composes the optimiser alone: the composition root
// (@edgecv/container, with its SDK clients, MongoDB driver and inversify: ~400 ms of CPU and
// ~50 MiB per run, issue 14 §4) must not be loaded. Here loading it fails the command.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticPng } from '../../../../packages/infrastructure/src/image/testImages.fixture';
import { runCli } from '../testing/runCli';

jest.mock('@edgecv/container', () => {
  throw new Error('images optimize loaded the composition root (@edgecv/container)');
});

describe('edgecv images optimize', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-optimize-lean-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('optimises without loading the composition root', async () => {
    const png = path.join(dir, 'lean.png');
    await writeFile(png, await syntheticPng({ width: 1300, height: 700, alpha: false, texture: 'gradient', seed: 3 }));
    const r = await runCli(['images', 'optimize', png, '--out', path.join(dir, 'out'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json<Record<string, unknown>>()[0]).toMatchObject({ width: 1024, height: 551, fellBack: false });
  });
});
