// Issue 11 §6: every assignment route takes only the ids `store` takes (one key segment): an id
// like `../etc` is 400 INVALID_SEGMENT naming it, not a placeholder or a look-up.
import { call, startTestApi, type TestApi } from './testApi.fixture';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api.close());

describe('assignment ids on the HTTP API', () => {
  it.each([
    ['a parent segment', '..%2Fetc', '../etc'],
    ['a slash', 'a%2Fb', 'a/b'],
    ['a space', 'with%20space', 'with space'],
    ['a wildcard', 'a*b', 'a*b'],
  ])('answer 400 naming %s, on the image, its URL and its upload alike', async (_what, encoded, id) => {
    for (const [method, path] of [
      ['GET', `/assignments/${encoded}/image`],
      ['GET', `/assignments/${encoded}/image-url`],
    ] as const) {
      const r = await call(api, method, path);
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 400, code: 'INVALID_SEGMENT' });
      expect(r.body.error.message).toContain(JSON.stringify(id));
    }
    const res = await fetch(`${api.url}/assignments/${encoded}/image`, { method: 'PUT', body: Buffer.from('x'), headers: { 'content-type': 'image/png', 'x-teacher-id': 't-1' } });
    expect(res.status).toBe(400);
  });

  it('still answers a valid id without an image with the placeholder', async () => {
    expect(await call(api, 'GET', '/assignments/no-such-id/image')).toMatchObject({ status: 404, body: { placeholder: true, reason: 'no-document' } });
  });
});
