// The image benchmark's corpus, built from Debian's wallpaper packages (fetched with apt-get
// download into the cache, never committed): photographs and artwork re-rendered as PNGs of
// 512-2048 px, some with alpha, plus EXIF-rotated copies and copies in Adobe RGB and ProPhoto
// with the profile embedded. Each input keeps its upright sRGB master, the reference every tool
// is measured against.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export const CORPUS_VERSION = 2;
export const WALLPAPER_PACKAGES = ['gnome-backgrounds', 'mate-backgrounds', 'ukui-wallpapers', 'desktop-base'] as const;
export const PROFILES = {
  'adobe-rgb': '/usr/share/color/icc/colord/AdobeRGB1998.icc',
  prophoto: '/usr/share/color/icc/colord/ProPhotoRGB.icc',
} as const;

export type CorpusKind = 'plain' | 'exif' | 'icc';

export interface CorpusImage {
  readonly name: string;
  /** The PNG every tool gets. */
  readonly input: string;
  /** Upright, sRGB, same pixels before any EXIF/ICC treatment: the reference. */
  readonly master: string;
  readonly width: number;
  readonly height: number;
  readonly alpha: boolean;
  readonly kind: CorpusKind;
  readonly source: string;
  readonly orientation?: number;
  readonly profile?: keyof typeof PROFILES;
}

export interface Corpus {
  readonly version: number;
  readonly dir: string;
  readonly images: readonly CorpusImage[];
}

export function benchCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.EDGECV_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'edgecv');
  return path.join(base, 'bench-images');
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (/\.(jpe?g|png|webp)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** apt-get download + dpkg-deb -x: the packages' files without installing anything. */
function fetchWallpapers(cache: string, log: (line: string) => void): string {
  const debs = path.join(cache, 'debs');
  const extracted = path.join(cache, 'extracted');
  if (existsSync(extracted)) return extracted;
  execFileSync('mkdir', ['-p', debs]);
  log(`downloading ${WALLPAPER_PACKAGES.join(', ')} with apt-get download`);
  execFileSync('apt-get', ['download', ...WALLPAPER_PACKAGES], { cwd: debs, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const deb of execFileSync('ls', [debs]).toString().trim().split('\n')) {
    execFileSync('dpkg-deb', ['-x', path.join(debs, deb), extracted]);
  }
  return extracted;
}

/** Stored pixels for an orientation tag, so that applying the tag gives the master back. */
function storeRotated(master: sharp.Sharp, orientation: number): sharp.Sharp {
  switch (orientation) {
    case 3:
      return master.rotate(180);
    case 6: // displayed rotated 90 degrees clockwise
      return master.rotate(270);
    case 8: // displayed rotated 90 degrees anticlockwise
      return master.rotate(90);
    default:
      throw new Error(`unsupported orientation ${orientation}`);
  }
}

export async function prepareCorpus(options: { cacheDir?: string; log?: (line: string) => void } = {}): Promise<Corpus> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cache = options.cacheDir ?? benchCacheDir();
  const dir = path.join(cache, `corpus-v${CORPUS_VERSION}`);
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) return JSON.parse(await readFile(manifestPath, 'utf8')) as Corpus;

  const extracted = fetchWallpapers(cache, log);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'in'), { recursive: true });
  await mkdir(path.join(dir, 'ref'), { recursive: true });
  const images: CorpusImage[] = [];
  const sources = [];
  for (const file of await walk(extracted)) {
    if ((await stat(file)).size < 100_000 || /Elephants_\d/.test(file)) continue; // tiny icons; one Elephants is enough
    const meta = await sharp(file).metadata();
    if (Math.max(meta.width ?? 0, meta.height ?? 0) < 512) continue;
    sources.push({ file, alpha: meta.hasAlpha === true });
  }
  let index = 0;
  const add = async (source: { file: string; alpha: boolean }, kind: CorpusKind, extra: { orientation?: number; profile?: keyof typeof PROFILES } = {}) => {
    index++;
    const longest = 512 + ((index * 397) % 1537); // 512..2048, spread deterministically
    const base = path.basename(source.file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '_');
    const name = `${String(index).padStart(3, '0')}-${base}${kind === 'plain' ? '' : `-${kind}-${extra.orientation ?? extra.profile}`}`;
    const resized = sharp(source.file).rotate().resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true });
    const pipeline = source.alpha ? resized.ensureAlpha() : resized.removeAlpha();
    const masterPng = await pipeline.png().toBuffer();
    const master = path.join(dir, 'ref', `${name}.png`);
    await writeFile(master, masterPng);
    let stored: sharp.Sharp = sharp(masterPng);
    if (kind === 'exif') stored = storeRotated(stored, extra.orientation ?? 6).withMetadata({ orientation: extra.orientation ?? 6 });
    if (kind === 'icc') stored = stored.withIccProfile(PROFILES[extra.profile ?? 'adobe-rgb']);
    const input = path.join(dir, 'in', `${name}.png`);
    await writeFile(input, await stored.png().toBuffer());
    const m = await sharp(masterPng).metadata();
    images.push({ name, input, master, width: m.width ?? 0, height: m.height ?? 0, alpha: source.alpha, kind, source: path.relative(extracted, source.file), ...extra });
    log(`corpus ${images.length}: ${name} ${m.width}x${m.height}${source.alpha ? ' alpha' : ''}`);
  };
  for (const source of sources) await add(source, 'plain');
  // Photographs (the mate nature set) carry the EXIF and colour-profile cases.
  const photos = sources.filter((s) => /mate\/nature/.test(s.file) && !s.alpha);
  const pick = (i: number) => photos[i % photos.length]!;
  for (const [i, orientation] of [6, 8, 3, 6].entries()) await add(pick(i), 'exif', { orientation });
  for (const [i, profile] of (['adobe-rgb', 'adobe-rgb', 'adobe-rgb', 'adobe-rgb', 'prophoto', 'prophoto'] as const).entries()) await add(pick(i + 4), 'icc', { profile });

  const corpus: Corpus = { version: CORPUS_VERSION, dir, images };
  await writeFile(manifestPath, JSON.stringify(corpus, null, 2));
  return corpus;
}

if (require.main === module) {
  prepareCorpus().then(
    (c) => process.stdout.write(`${c.images.length} images in ${c.dir}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
