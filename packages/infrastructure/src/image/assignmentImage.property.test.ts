// Spec 003 properties 1, 2, 3, 9 and 19, against the local S3 (behind the fault proxy) and
// MongoDB, with images and failures drawn by fast-check.
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import sharp from 'sharp';
import { INTERNAL_ERROR, SLOW_DOWN, type FaultAction } from '@edgecv/test-harness';
import { GetAssignmentImage, S3UploadError, StoreAssignmentImage } from '@edgecv/use-cases';
import { startImageTestbed, type ImageTestbed } from './imageTestbed.fixture';

jest.setTimeout(300_000);
const RUNS = { numRuns: 100 };

const assignmentIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const smallImageArb = fc.record({
  width: fc.integer({ min: 1, max: 256 }),
  height: fc.integer({ min: 1, max: 256 }),
  alpha: fc.boolean(),
  r: fc.integer({ min: 0, max: 255 }),
  sigma: fc.integer({ min: 0, max: 80 }),
});

type SmallImage = { width: number; height: number; alpha: boolean; r: number; sigma: number };

/** A flat colour with Gaussian noise soft-lit over it (sigma 0: flat). */
async function pngOf(spec: SmallImage): Promise<Buffer> {
  const base = sharp({ create: { width: spec.width, height: spec.height, channels: spec.alpha ? 4 : 3, background: { r: spec.r, g: 255 - spec.r, b: 90, alpha: 0.5 } } });
  if (spec.sigma === 0) return base.png().toBuffer();
  const noise = await sharp({ create: { width: spec.width, height: spec.height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: spec.sigma } } }).png().toBuffer();
  return sharp(await base.png().toBuffer()).composite([{ input: noise, blend: 'soft-light' }]).png().toBuffer();
}

describe('assignment image properties', () => {
  let bed: ImageTestbed;
  let storeImage: StoreAssignmentImage;
  let getImage: GetAssignmentImage;
  let run = 0;
  const uniqueId = (id: string) => `${id}-${++run}`;

  beforeAll(async () => {
    bed = await startImageTestbed();
    storeImage = new StoreAssignmentImage({ ...bed, sleep: bed.sleep });
    getImage = new GetAssignmentImage(bed);
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.proxy.setRule(undefined));

  async function versionsOf(key: string): Promise<number> {
    const r = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bed.bucket, Prefix: key }));
    return (r.Versions ?? []).filter((v) => v.Key === key).length;
  }

  // Feature: s3-image-storage, Property 1: S3 upload persistence
  // Feature: s3-image-storage, Property 3: Naming convention consistency
  it('Property 1 and 3: what was uploaded reads back identical, under generated_images/{assignment_id}.webp as the document says', async () => {
    await fc.assert(
      fc.asyncProperty(assignmentIdArb, smallImageArb, async (rawId, spec) => {
        const id = uniqueId(rawId);
        const png = await pngOf(spec);
        const stored = await storeImage.execute(id, png, { teacherId: 'prop' });
        const optimized = await bed.optimizer.optimize(png);

        const expectedKey = `generated_images/${id}.${optimized.metadata.format === 'webp' ? 'webp' : 'png'}`;
        expect(stored.key).toBe(expectedKey);
        const doc = await bed.collection.findOne({ assignment_id: id });
        expect(doc?.s3_image_key).toBe(expectedKey);
        const image = await getImage.execute(id);
        expect(image.found).toBe(true);
        if (image.found) expect(Buffer.from(image.bytes).equals(Buffer.from(optimized.bytes))).toBe(true);
      }),
      RUNS,
    );
  });

  // Feature: s3-image-storage, Property 2: Upload retry idempotence
  it('Property 2: under any run of transient failures, the upload succeeds within 3 retries or fails with the same error, never leaving a duplicate', async () => {
    const faultArb = fc.constantFrom<FaultAction>(SLOW_DOWN, INTERNAL_ERROR, { kind: 'reset' }, { kind: 'reset', afterForward: true });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), faultArb, async (failures, action) => {
        const id = uniqueId('retry');
        bed.proxy.setRule({ action, firstN: failures, match: (r) => r.method === 'PUT' && r.url.includes(`/${id}.`) });
        const outcome = await storeImage
          .execute(id, await pngOf({ width: 32, height: 32, alpha: false, r: 10, sigma: 30 }), { teacherId: 'prop' })
          .then((stored) => ({ ok: true as const, stored }))
          .catch((error: unknown) => ({ ok: false as const, error }));
        const key = `generated_images/${id}.webp`;
        if (failures <= 3) {
          expect(outcome.ok).toBe(true);
          if (outcome.ok) expect(outcome.stored.attempts).toBe(failures + 1);
          expect(await versionsOf(key)).toBe(1);
        } else {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.error).toBeInstanceOf(S3UploadError);
          // A lost answer may have stored the image on the server; never more than once.
          expect(await versionsOf(key)).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  // Feature: s3-image-storage, Property 9: Missing image graceful handling
  it('Property 9: an assignment whose image key is not in the bucket gets a placeholder, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(assignmentIdArb, fc.constantFrom('webp', 'png'), fc.boolean(), async (rawId, ext, legacy) => {
        const id = uniqueId(rawId);
        const key = `generated_images/${id}.${ext}`;
        await bed.collection.insertOne(legacy ? { assignment_id: id, s3_image_name: `${id}.${ext}` } : { assignment_id: id, s3_image_key: key });
        await expect(getImage.execute(id)).resolves.toMatchObject({ found: false, reason: 'missing-object', key });
      }),
      RUNS,
    );
  });

  // Feature: s3-image-storage, Property 19: Optimization fallback
  it('Property 19: when optimisation fails, the original bytes are uploaded and a warning is logged', async () => {
    const unoptimisable = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 4096 }),
      smallImageArb.map((spec) => ({ spec })),
    );
    await fc.assert(
      fc.asyncProperty(unoptimisable, fc.nat(), async (input, cut) => {
        // Either random bytes or a real PNG cut short: neither can be decoded.
        const bytes = input instanceof Uint8Array ? input : await pngOf(input.spec).then((png) => png.subarray(0, Math.max(1, Math.min(png.length - 13, 8 + (cut % png.length)))));
        const id = uniqueId('fallback');
        const before = bed.logger.entries.length;
        const stored = await storeImage.execute(id, bytes, { teacherId: 'prop' });

        expect(stored.optimized).toBe(false);
        expect(stored.key).toBe(`generated_images/${id}.png`);
        const image = await getImage.execute(id);
        expect(image.found && Buffer.from(image.bytes).equals(Buffer.from(bytes))).toBe(true);
        const warnings = bed.logger.entries.slice(before).filter((e) => e.level === 'warn' && e.fields.result === 'fallback');
        expect(warnings).toHaveLength(1);
      }),
      RUNS,
    );
  });
});
