// The assignment flow of spec 003 against the local stack: generate -> optimise -> store ->
// record, the prompt cache, a failure at each step leaving a usable assignment, answers, delete.
// S3 is moto behind the fault proxy, MongoDB the stand-in (or MONGODB_URI), the picture the
// local generator's.
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { ACCESS_DENIED } from '@edgecv/test-harness';
import { AssignmentNotFoundError, GenerationThrottledError } from '@edgecv/use-cases';
import { InvalidAnswersError, InvalidAssignmentError, InvalidGenerationRequestError, InvalidSegmentError } from '@edgecv/domain';
import { startAssignmentTestbed, type AssignmentTestbed } from './assignmentTestbed.fixture';

describe('assignments on the local stack', () => {
  let bed: AssignmentTestbed;
  beforeAll(async () => {
    bed = await startAssignmentTestbed();
  });
  afterAll(async () => bed.close());
  afterEach(() => {
    bed.proxy.setRule(undefined);
    delete bed.generator.fail;
  });

  const questions = ['What time of day is it?', 'Name two things you see.'];
  const doc = (id: string) => bed.db.collection('assignments').findOne({ assignment_id: id }, { projection: { _id: 0 } });

  it('creates with a prompt: generated, optimised to WebP, stored at generated_images/{id}.webp, recorded in the document of spec 003', async () => {
    const created = await bed.create.execute({ teacherId: 'CloudAge-User', questions, image: { kind: 'generate', request: { prompt: 'A serene mountain landscape at sunset' } } });
    const id = created.assignment.assignmentId;
    expect(id).toMatch(/^\d{13}$/);
    expect(created.warnings).toEqual([]);
    expect(created.generation).toMatchObject({ model: 'edgecv-local-landscape-v1', seed: 12, cached: expect.any(Boolean) });

    const stored = await doc(id);
    expect(stored).toMatchObject({
      assignment_id: id,
      teacher_id: 'CloudAge-User',
      prompt: 'A serene mountain landscape at sunset',
      s3_image_key: `generated_images/${id}.webp`,
      image_metadata: { format: 'webp', dimensions: '1024x1024', generation: { model: 'edgecv-local-landscape-v1', seed: 12, request_hash: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      s3_upload_status: 'success',
      s3_upload_attempts: 1,
      created_at: expect.any(Number),
    });
    expect(JSON.parse(stored?.question_answers as string)).toEqual(questions.map((question) => ({ question })));
    expect(stored?.image_metadata.compression_ratio).toBeLessThan(0.7);

    // The stored object, read with the plain S3 client, is the WebP the document describes.
    const object = await bed.s3.send(new GetObjectCommand({ Bucket: bed.bucket, Key: `generated_images/${id}.webp` }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 1024, height: 1024 });
    expect(bytes.length).toBe(stored?.image_metadata.optimized_size_bytes);

    // The view answers a URL the browser loads straight from S3 (presigned here: no CloudFront).
    expect(created.assignment.image).toMatchObject({ status: 'available', source: 'presigned', key: `generated_images/${id}.webp` });
    const viaUrl = await fetch((created.assignment.image as { url: string }).url);
    expect(viaUrl.status).toBe(200);
    expect(Buffer.from(await viaUrl.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('reuses the picture generated for the same (model, prompt, negative prompt, seed, size), records the hit, and generates again when asked for a fresh one', async () => {
    const request = { prompt: 'A lighthouse on a cliff at dawn', negativePrompt: 'people', width: 512, height: 512 };
    const before = bed.generator.calls;
    const first = await bed.create.execute({ teacherId: 't-cache', questions, image: { kind: 'generate', request } });
    const second = await bed.create.execute({ teacherId: 't-cache', questions, image: { kind: 'generate', request } });
    expect(bed.generator.calls - before).toBe(1);
    expect(first.generation?.cached).toBe(false);
    expect(second.generation).toMatchObject({ cached: true, requestHash: first.generation?.requestHash });
    expect((await doc(second.assignment.assignmentId))?.image_metadata.generation.cached).toBe(true);
    const stored = await Promise.all([first, second].map((c) => bed.s3.send(new GetObjectCommand({ Bucket: bed.bucket, Key: `generated_images/${c.assignment.assignmentId}.webp` })).then(async (o) => Buffer.from(await o.Body!.transformToByteArray()))));
    expect(stored[0]?.equals(stored[1] as Buffer)).toBe(true);

    const otherSize = await bed.create.execute({ teacherId: 't-cache', questions, image: { kind: 'generate', request: { ...request, width: 768 } } });
    expect(otherSize.generation?.cached).toBe(false);
    const fresh = await bed.create.execute({ teacherId: 't-cache', questions, image: { kind: 'generate', request: { ...request, fresh: true } } });
    expect(fresh.generation?.cached).toBe(false);
    expect(fresh.generation?.seed).not.toBe(first.generation?.seed);
    expect(bed.generator.calls - before).toBe(3);
  });

  it('previews the optimised picture with its size and compression, and creating with the same prompt and seed reuses it', async () => {
    const before = bed.generator.calls;
    const preview = await bed.preview.execute({ prompt: 'A red fox in the snow', fresh: true });
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'webp', width: 1024, height: 1024 });
    expect(preview.imageMetadata).toMatchObject({ format: 'webp', dimensions: '1024x1024', optimizedSizeBytes: preview.bytes.byteLength });
    expect(preview.imageMetadata.compressionRatio).toBeLessThan(1);
    const created = await bed.create.execute({ teacherId: 't-preview', questions, image: { kind: 'generate', request: { prompt: 'A red fox in the snow', seed: preview.request.seed } } });
    expect(created.generation).toMatchObject({ cached: true, seed: preview.request.seed });
    expect(bed.generator.calls - before).toBe(1);
  });

  it('creates without an image: no_image, and the view answers the placeholder', async () => {
    const created = await bed.create.execute({ teacherId: 't-1', questions, image: { kind: 'none' } });
    expect(await doc(created.assignment.assignmentId)).toMatchObject({ s3_upload_status: 'no_image', teacher_id: 't-1' });
    expect(created.assignment.image).toEqual({ status: 'unavailable', placeholder: true, reason: 'no-image', message: 'This assignment has no picture.' });
  });

  it('keeps the assignment, without a picture and with a reason a teacher understands, when the model is still throttled', async () => {
    bed.generator.fail = () => new GenerationThrottledError(1);
    const created = await bed.create.execute({ teacherId: 't-1', questions, image: { kind: 'generate', request: { prompt: 'A busy harbour', fresh: true } } });
    const id = created.assignment.assignmentId;
    expect(created.assignment.image).toMatchObject({ status: 'unavailable', reason: 'failed', failure: { code: 'GENERATION_THROTTLED' } });
    expect((created.assignment.image as { message: string }).message).toMatch(/try again in a moment/);
    expect(await doc(id)).toMatchObject({ s3_upload_status: 'failed', s3_upload_attempts: 0, image_error: { code: 'GENERATION_THROTTLED', correlation_id: created.correlationId } });
    expect(await doc(id)).not.toHaveProperty('s3_image_key');
    const versions = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bed.bucket, Prefix: `generated_images/${id}` }));
    expect(versions.Versions ?? []).toHaveLength(0);
    // still a usable assignment: its questions, answerable
    expect(created.assignment.questions).toEqual(questions);
    await expect(bed.complete.execute(id, { studentId: 's-1', answers: ['Evening', 'Boats, gulls'] })).resolves.toMatchObject({ replaced: false });
  });

  it('keeps the assignment with status failed and a plain reason when the upload is refused by S3 (through the fault proxy)', async () => {
    bed.proxy.setRule({ action: ACCESS_DENIED, match: (r) => r.method === 'PUT' && /generated_images\/\d+\.webp/.test(r.url) });
    const created = await bed.create.execute({ teacherId: 't-1', questions, image: { kind: 'generate', request: { prompt: 'A quiet library' } } });
    expect(created.assignment.image).toMatchObject({ status: 'unavailable', reason: 'failed', failure: { code: 'S3_PERMISSION_DENIED' } });
    expect((created.assignment.image as { message: string }).message).toBe('Upload failed: storage is not configured correctly. An administrator has been alerted.');
    expect(await doc(created.assignment.assignmentId)).toMatchObject({ s3_upload_status: 'failed', s3_upload_attempts: 1, prompt: 'A quiet library', image_error: { code: 'S3_PERMISSION_DENIED' } });
  });

  it('refuses bad input before writing anything', async () => {
    const count = await bed.db.collection('assignments').countDocuments();
    await expect(bed.create.execute({ teacherId: 't-1', questions: [], image: { kind: 'none' } })).rejects.toBeInstanceOf(InvalidAssignmentError);
    await expect(bed.create.execute({ teacherId: '', questions, image: { kind: 'none' } })).rejects.toBeInstanceOf(InvalidAssignmentError);
    await expect(bed.create.execute({ teacherId: 't', questions, image: { kind: 'generate', request: { prompt: 'p', width: 1000 } } })).rejects.toBeInstanceOf(InvalidGenerationRequestError);
    await expect(bed.create.execute({ assignmentId: '../x', teacherId: 't', questions, image: { kind: 'none' } })).rejects.toBeInstanceOf(InvalidSegmentError);
    expect(await bed.db.collection('assignments').countDocuments()).toBe(count);
  });

  it('stores a student’s answers against the assignment, validated against its questions; a new submission replaces the last', async () => {
    const { assignment } = await bed.create.execute({ teacherId: 't-1', questions, image: { kind: 'none' } });
    const id = assignment.assignmentId;
    await expect(bed.complete.execute(id, { studentId: 's-1', answers: ['Dusk'] })).rejects.toBeInstanceOf(InvalidAnswersError);
    expect(await bed.submissions.find(id, 's-1')).toBeUndefined();
    const done = await bed.complete.execute(id, { studentId: 's-1', answers: ['Dusk', 'A lake and a sun'] });
    expect(done).toMatchObject({ assignmentId: id, studentId: 's-1', replaced: false, answers: [{ question: questions[0], answer: 'Dusk' }, { question: questions[1], answer: 'A lake and a sun' }] });
    expect(await bed.db.collection('assignment_submissions').findOne({ assignment_id: id, student_id: 's-1' }, { projection: { _id: 0 } })).toEqual({
      assignment_id: id,
      student_id: 's-1',
      answers: [{ question: questions[0], answer: 'Dusk' }, { question: questions[1], answer: 'A lake and a sun' }],
      submitted_at: done.submittedAt,
    });
    await expect(bed.complete.execute(id, { studentId: 's-1', answers: ['Night', 'Stars'] })).resolves.toMatchObject({ replaced: true });
    await expect(bed.complete.execute('no-such-assignment', { studentId: 's-1', answers: [] })).rejects.toBeInstanceOf(AssignmentNotFoundError);
  });

  it('answers the placeholder when the image object is missing from the bucket', async () => {
    const { assignment } = await bed.create.execute({ teacherId: 't-1', questions, image: { kind: 'generate', request: { prompt: 'A desert at noon' } } });
    await bed.store.deleteMany(bed.bucket, [{ key: `generated_images/${assignment.assignmentId}.webp` }]);
    expect((await bed.get.execute(assignment.assignmentId)).image).toEqual({ status: 'unavailable', placeholder: true, reason: 'missing-object', message: 'Image not available' });
  });

  it('deletes an assignment with its picture and its submissions (the bucket keeps old versions)', async () => {
    const { assignment } = await bed.create.execute({ teacherId: 't-del', questions, image: { kind: 'generate', request: { prompt: 'A snowy village' } } });
    const id = assignment.assignmentId;
    await bed.complete.execute(id, { studentId: 's-1', answers: ['Morning', 'Houses, snow'] });
    expect(await bed.remove.execute(id)).toEqual({ assignmentId: id, deletedKeys: [`generated_images/${id}.webp`], submissionsDeleted: 1 });
    expect(await bed.store.head(bed.bucket, `generated_images/${id}.webp`)).toBeUndefined();
    const versions = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bed.bucket, Prefix: `generated_images/${id}.webp` }));
    expect(versions.Versions?.length).toBe(1);
    expect(await doc(id)).toBeNull();
    expect(await bed.submissions.find(id, 's-1')).toBeUndefined();
    await expect(bed.get.execute(id)).rejects.toBeInstanceOf(AssignmentNotFoundError);
    await expect(bed.remove.execute(id)).rejects.toBeInstanceOf(AssignmentNotFoundError);
  });
});
