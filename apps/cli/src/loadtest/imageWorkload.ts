// Spec 003's load-test tasks against the API, with Locust's weights: 3 create an assignment with
// its image (PUT image: optimise + upload + metadata), 5 view one with its image (GET image), 1
// look one up without loading the image (GET image-url). edgecv has no listing of assignments
// (the portal owns that collection), so the metadata lookup stands in for list_assignments.
import { randomUUID } from 'node:crypto';
import { syntheticPng } from './syntheticPng';
import type { HttpClient } from './httpClient';

export interface Task {
  readonly name: string;
  readonly weight: number;
  run(client: HttpClient): Promise<TaskOutcome>;
}

export type TaskOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export const OPERATIONS = Object.freeze({
  create: 'create_assignment_with_image',
  view: 'view_assignment_with_image',
  metadata: 'assignment_image_url',
});

export interface ImageWorkload {
  readonly tasks: readonly Task[];
  /** Creates `count` assignments before the measured run, so the first views have something to see. */
  seed(client: HttpClient, count: number): Promise<void>;
  readonly created: readonly string[];
}

export function imageWorkload(options: { imageSize: number; variants?: number }): ImageWorkload {
  const images = Array.from({ length: options.variants ?? 4 }, (_, i) => syntheticPng(options.imageSize, i + 1));
  const created: string[] = [];
  const runId = randomUUID().slice(0, 8);
  let counter = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

  const create = async (client: HttpClient): Promise<TaskOutcome> => {
    const id = `lt-${runId}-${(counter += 1)}`;
    const r = await client.request('PUT', `/assignments/${id}/image`, pick(images), { 'content-type': 'image/png', 'x-teacher-id': 'loadtest-teacher' });
    if (r.status !== 201) return { ok: false, error: `PUT image ${r.status} ${r.body.subarray(0, 200).toString('utf8')}` };
    created.push(id);
    return { ok: true };
  };
  const view = async (client: HttpClient): Promise<TaskOutcome> => {
    const r = await client.request('GET', `/assignments/${pick(created)}/image`);
    if (r.status !== 200) return { ok: false, error: `GET image ${r.status} ${r.body.subarray(0, 200).toString('utf8')}` };
    return r.body.length > 0 ? { ok: true } : { ok: false, error: 'GET image: empty body' };
  };
  const metadata = async (client: HttpClient): Promise<TaskOutcome> => {
    const r = await client.request('GET', `/assignments/${pick(created)}/image-url`);
    return r.status === 200 ? { ok: true } : { ok: false, error: `GET image-url ${r.status}` };
  };

  return {
    created,
    tasks: [
      { name: OPERATIONS.create, weight: 3, run: create },
      { name: OPERATIONS.view, weight: 5, run: view },
      { name: OPERATIONS.metadata, weight: 1, run: metadata },
    ],
    async seed(client, count) {
      for (let i = 0; i < count; i++) {
        const outcome = await create(client);
        if (!outcome.ok) throw new Error(`could not seed the load test: ${outcome.error}`);
      }
    },
  };
}
