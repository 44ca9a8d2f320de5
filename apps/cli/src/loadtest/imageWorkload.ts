// Spec 003's load-test tasks against the API, with Locust's weights: 3 create an assignment with
// its image (POST /assignments with the picture: optimise + upload + MongoDB), 5 view one as the
// portal does (GET /assignments/{id}, then the image from the URL it answers: S3 or CloudFront,
// never through the API; measured to the image's last byte), 1 list assignments (no images).
import { randomUUID } from 'node:crypto';
import { syntheticPng } from './syntheticPng';
import type { HttpClient } from './httpClient';

export interface Task {
  readonly name: string;
  readonly weight: number;
  run(client: HttpClient): Promise<TaskOutcome>;
}

/** One timed part of a task (reported beside the tasks, never counted as a request of its own). */
export interface StepTiming {
  readonly name: string;
  readonly ms: number;
  readonly error?: string;
}

export type TaskOutcome = ({ readonly ok: true } | { readonly ok: false; readonly error: string }) & { readonly steps?: readonly StepTiming[] };

export const OPERATIONS = Object.freeze({
  create: 'create_assignment_with_image',
  view: 'view_assignment_with_image',
  list: 'list_assignments',
});

/**
 * The two halves of a view, timed apart. `assignment_image_url` is the API's part (GET
 * /assignments/{id}: MongoDB, one HEAD, the URL signed), under the name the JSON output has
 * carried since before the list task was real (it then timed GET /assignments/{id}/image-url,
 * the same lookup of an image's URL); `view_image_download` is S3's or CloudFront's part.
 */
export const STEPS = Object.freeze({
  imageUrl: 'assignment_image_url',
  download: 'view_image_download',
});

export interface ImageWorkload {
  readonly tasks: readonly Task[];
  /** Creates `count` assignments before the measured run, so the first views have something to see. */
  seed(client: HttpClient, count: number): Promise<void>;
  readonly created: readonly string[];
}

export function imageWorkload(options: { imageSize: number; variants?: number }): ImageWorkload {
  const runId = randomUUID().slice(0, 8);
  // The JSON bodies are built once: the generator measures the API, not its own encoding.
  const bodies = Array.from({ length: options.variants ?? 4 }, (_, i) =>
    Buffer.from(JSON.stringify({ teacherId: `loadtest-${runId}`, questions: ['What do you see?', 'Which colours stand out?'], imageBase64: syntheticPng(options.imageSize, i + 1).toString('base64') })),
  );
  const created: string[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const text = (body: Buffer) => body.subarray(0, 200).toString('utf8');

  const create = async (client: HttpClient): Promise<TaskOutcome> => {
    const r = await client.request('POST', '/assignments', pick(bodies), { 'content-type': 'application/json' });
    if (r.status !== 201) return { ok: false, error: `POST /assignments ${r.status} ${text(r.body)}` };
    const { assignment } = JSON.parse(r.body.toString('utf8')) as { assignment: { assignmentId: string; s3UploadStatus?: string } };
    if (assignment.s3UploadStatus !== 'success') return { ok: false, error: `POST /assignments: image ${assignment.s3UploadStatus}` };
    created.push(assignment.assignmentId);
    return { ok: true };
  };
  const view = async (client: HttpClient): Promise<TaskOutcome> => {
    const t0 = performance.now();
    const r = await client.request('GET', `/assignments/${encodeURIComponent(pick(created))}`);
    const lookupMs = performance.now() - t0;
    const lookup = (error?: string): StepTiming => ({ name: STEPS.imageUrl, ms: lookupMs, ...(error !== undefined ? { error } : {}) });
    if (r.status !== 200) {
      const error = `GET assignment ${r.status} ${text(r.body)}`;
      return { ok: false, error, steps: [lookup(error)] };
    }
    const { image } = JSON.parse(r.body.toString('utf8')) as { image: { status: string; url?: string } };
    if (image.status !== 'available' || !image.url) {
      const error = `GET assignment: image ${image.status}`;
      return { ok: false, error, steps: [lookup(error)] };
    }
    const t1 = performance.now();
    const bytes = await client.request('GET', image.url);
    const download = (error?: string): StepTiming => ({ name: STEPS.download, ms: performance.now() - t1, ...(error !== undefined ? { error } : {}) });
    const error = bytes.status !== 200 ? `GET image URL ${bytes.status}` : bytes.body.length === 0 ? 'GET image URL: empty body' : undefined;
    return error === undefined ? { ok: true, steps: [lookup(), download()] } : { ok: false, error, steps: [lookup(), download(error)] };
  };
  const list = async (client: HttpClient): Promise<TaskOutcome> => {
    const r = await client.request('GET', '/assignments?limit=20');
    if (r.status !== 200) return { ok: false, error: `GET /assignments ${r.status}` };
    return Array.isArray((JSON.parse(r.body.toString('utf8')) as { items?: unknown }).items) ? { ok: true } : { ok: false, error: 'GET /assignments: no items' };
  };

  return {
    created,
    tasks: [
      { name: OPERATIONS.create, weight: 3, run: create },
      { name: OPERATIONS.view, weight: 5, run: view },
      { name: OPERATIONS.list, weight: 1, run: list },
    ],
    async seed(client, count) {
      for (let i = 0; i < count; i++) {
        const outcome = await create(client);
        if (!outcome.ok) throw new Error(`could not seed the load test: ${outcome.error}`);
      }
    },
  };
}
