// The assignment routes over HTTP, as the portal calls them: the real handlers behind the local
// API, the local stack, the local generator.
import type { AddressInfo } from 'node:net';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { serveRuntime } from '../runtime/serveRuntime';
import { createLocalApi } from './localApi';

describe('assignment routes', () => {
  let edgecv: Edgecv;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const bucket = uniqueName('assignments-api');
    edgecv = Edgecv.fromEnv({ ...process.env, EDGECV_IMAGE_GENERATOR: 'local', EDGECV_MONGODB_DATABASE: uniqueName('assignments-api') }, { artifactBucket: bucket });
    await edgecv.provision({ dynamodb: false });
    const server = createLocalApi({ runtime: serveRuntime(edgecv, { logLevel: 'SILENT' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await edgecv.close();
    };
  });
  afterAll(async () => close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${url}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    return { status: res.status, body: await res.json() };
  };

  it('creates with a prompt (201), lists it first, gets it with a URL that loads the WebP from S3, takes answers, deletes it', async () => {
    const created = await call('POST', '/assignments', { teacherId: 't-http', questions: ['What do you see?'], image: { prompt: 'A windmill in a tulip field', width: 512, height: 512 } });
    expect(created.status).toBe(201);
    const id = created.body.assignment.assignmentId as string;
    expect(created.body.assignment).toMatchObject({ teacherId: 't-http', s3UploadStatus: 'success', image: { status: 'available', source: 'presigned', metadata: { format: 'webp', dimensions: '512x512' } } });
    expect(created.body.generation).toMatchObject({ model: 'edgecv-local-landscape-v1', seed: 12 });

    const list = await call('GET', '/assignments?teacherId=t-http&limit=5');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ assignmentId: id, questionCount: 1, s3UploadStatus: 'success' });
    expect(JSON.stringify(list.body)).not.toMatch(/"url"/);

    const got = await call('GET', `/assignments/${id}`);
    expect(got.status).toBe(200);
    const image = await fetch(got.body.image.url);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await image.arrayBuffer()).byteLength).toBe(got.body.image.metadata.optimizedSizeBytes);

    expect((await call('POST', `/assignments/${id}/answers`, { studentId: 's-1', answers: ['A windmill'] })).status).toBe(201);
    const wrong = await call('POST', `/assignments/${id}/answers`, { studentId: 's-1', answers: [] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_ANSWERS', issues: [{ path: 'answers' }] });

    expect((await call('DELETE', `/assignments/${id}`)).body).toMatchObject({ assignmentId: id, deletedKeys: [`generated_images/${id}.webp`], submissionsDeleted: 1 });
    expect((await call('GET', `/assignments/${id}`)).status).toBe(404);
  });

  it('answers 400 naming the fields for a bad prompt or size, 404 for an unknown assignment, 400 for a forged cursor', async () => {
    const bad = await call('POST', '/assignments', { teacherId: 't', questions: ['q'], image: { prompt: '', width: 1000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_GENERATION_REQUEST');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['prompt', 'width']);
    expect((await call('GET', '/assignments/nope')).body.error.code).toBe('ASSIGNMENT_NOT_FOUND');
    expect((await call('GET', '/assignments?cursor=forged')).status).toBe(400);
  });

  it('previews a picture with its size and compression (the create that follows reuses it), and creates without an image', async () => {
    const preview = await call('POST', '/image-previews', { prompt: 'A koi pond', width: 512, height: 512 });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ contentType: 'image/webp', imageMetadata: { format: 'webp', dimensions: '512x512' }, request: { seed: 12 } });
    expect(Buffer.from(preview.body.imageBase64, 'base64').subarray(8, 12).toString()).toBe('WEBP');
    const created = await call('POST', '/assignments', { teacherId: 't', questions: ['q'], image: { prompt: 'A koi pond', width: 512, height: 512, seed: preview.body.request.seed } });
    expect(created.body.generation.cached).toBe(true);
    const none = await call('POST', '/assignments', { teacherId: 't', questions: ['q'] });
    expect(none.body.assignment.image).toEqual({ status: 'unavailable', placeholder: true, reason: 'no-image', message: 'This assignment has no picture.' });
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/assignments'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/assignments/{assignmentId}'] ?? {}).sort()).toEqual(['delete', 'get']);
    expect(doc.paths['/assignments/{assignmentId}/answers']).toHaveProperty('post');
    expect(doc.paths['/image-previews']).toHaveProperty('post');
  });
});
