// The HTTP API as data: one table read by `edgecv serve`, the OpenAPI document, and the CDK
// app's HTTP API (route key -> handler entry file). `entry` is the handler's file under
// src/handlers/ (and its bundle under dist/bundles/).
import type { z } from 'zod';
import { CompleteAssignmentBody, CreateAssignmentBody, ImageRequestBody } from './assignmentSchemas';
import { IDEMPOTENCY_POLICIES, type IdempotencyPolicy } from './idempotencyPolicies';
import { IMAGE_MEDIA_TYPES, RESULTS_MEDIA_TYPES } from './mediaTypes';
import { CreateJobBody, CreateRunBody, PackageDeploymentBody, PublishComponentBody, ReplaceQuery, StartCompilationBody, StartTrainingJobBody } from './schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type { IdempotencyPolicy };

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/training-jobs/{jobName}`. */
  readonly path: string;
  /** The handler (and its entry file) that answers the route. */
  readonly entry: string;
  readonly summary: string;
  readonly tag: 'edge' | 'results' | 'images' | 'assignments';
  /** JSON body schema, or `binary`: raw bytes of these media types only (API Gateway base64-encodes them). */
  readonly body?: z.ZodType | { readonly binary: readonly string[] };
  /** Optional query parameters and their schemas (the handler validates with the same ones). */
  readonly query?: Readonly<Record<string, z.ZodType>>;
  /** Only on routes that create something (IDEMPOTENCY_POLICIES); the others ignore an Idempotency-Key header. */
  readonly idempotency?: IdempotencyPolicy;
  /** The successful status and what it returns. */
  readonly success: { readonly status: number; readonly contentType?: string; readonly description: string };
}

const TABLE: readonly RouteSpec[] = [
  { method: 'POST', path: '/training-jobs', entry: 'startTrainingJob', tag: 'edge', summary: 'Start a SageMaker training job writing to models/training/{job}/', body: StartTrainingJobBody, success: { status: 201, description: 'started; the job, its S3OutputPath and model URI' } },
  { method: 'GET', path: '/training-jobs/{jobName}', entry: 'getTrainingJob', tag: 'edge', summary: 'A training job: state and s3:// URIs in the new layout', success: { status: 200, description: 'the training job' } },
  { method: 'POST', path: '/compilation-jobs', entry: 'startCompilation', tag: 'edge', summary: 'Start one Neo compilation job per target, each writing to models/compilation/{job}/{target}/', body: StartCompilationBody, success: { status: 201, description: 'started targets' } },
  { method: 'GET', path: '/compilation-jobs/{jobName}', entry: 'getCompilationStatus', tag: 'edge', summary: 'A compilation job: state per target and compiled model URIs', success: { status: 200, description: 'the compilation status' } },
  { method: 'POST', path: '/deployments', entry: 'packageDeployment', tag: 'edge', summary: 'Package model.tar.gz, config.json and component.zip under deployments/{name}/', body: PackageDeploymentBody, success: { status: 201, description: 'the packaged deployment' } },
  { method: 'GET', path: '/deployments/{name}', entry: 'getDeployment', tag: 'edge', summary: "A deployment's artifacts and published component", success: { status: 200, description: 'the deployment' } },
  { method: 'POST', path: '/deployments/{name}/component', entry: 'publishComponent', tag: 'edge', summary: 'Publish a Greengrass component whose recipe points at the deployment artifacts', body: PublishComponentBody, success: { status: 201, description: 'the component version' } },
  { method: 'POST', path: '/jobs', entry: 'createJob', tag: 'results', summary: 'Create a job; its created_at fixes its S3 prefix', body: CreateJobBody, success: { status: 201, description: 'the job and its prefix' } },
  { method: 'POST', path: '/jobs/{jobId}/runs', entry: 'createRun', tag: 'results', summary: 'Create a run of a job', body: CreateRunBody, success: { status: 201, description: 'the run' } },
  { method: 'PUT', path: '/jobs/{jobId}/runs/{runId}/results', entry: 'uploadResults', tag: 'results', summary: "Store a run's zipped results under the job prefix; write-once unless ?replace=true", body: { binary: RESULTS_MEDIA_TYPES }, query: { replace: ReplaceQuery }, success: { status: 201, description: 'where the results are (and `replaced` when they replaced earlier ones)' } },
  { method: 'PUT', path: '/assignments/{assignmentId}/image', entry: 'storeAssignmentImage', tag: 'images', summary: 'Optimise and store an assignment image (header x-teacher-id; optional x-prompt, x-correlation-id)', body: { binary: IMAGE_MEDIA_TYPES }, success: { status: 201, description: 'the stored image: key, metadata, attempts' } },
  { method: 'GET', path: '/assignments/{assignmentId}/image', entry: 'getAssignmentImage', tag: 'images', summary: "An assignment's image; 404 with a placeholder answer when there is none", success: { status: 200, contentType: 'image/webp', description: 'the image bytes' } },
  { method: 'GET', path: '/assignments/{assignmentId}/image-url', entry: 'getImageUrl', tag: 'images', summary: "Where an assignment's image can be fetched (CloudFront or presigned), without loading it", success: { status: 200, description: 'the URL' } },
  { method: 'POST', path: '/assignments', entry: 'createAssignment', tag: 'assignments', summary: 'Create an assignment with its questions and a picture generated from a prompt, uploaded, or none (spec 003 create page)', body: CreateAssignmentBody, success: { status: 201, description: 'the assignment as GET answers it, how its picture was made, warnings' } },
  { method: 'GET', path: '/assignments', entry: 'listAssignments', tag: 'assignments', summary: 'Assignments newest first, a page at a time (?teacherId=&cursor=&limit=1..100), without images', success: { status: 200, description: '{items, nextCursor?}' } },
  { method: 'GET', path: '/assignments/{assignmentId}', entry: 'getAssignment', tag: 'assignments', summary: "An assignment's questions and the URL of its picture (CloudFront or presigned), or the placeholder", success: { status: 200, description: 'the assignment' } },
  { method: 'POST', path: '/assignments/{assignmentId}/answers', entry: 'completeAssignment', tag: 'assignments', summary: "A student's answers, one per question (a new submission replaces the last)", body: CompleteAssignmentBody, success: { status: 201, description: 'the stored submission' } },
  { method: 'DELETE', path: '/assignments/{assignmentId}', entry: 'deleteAssignment', tag: 'assignments', summary: 'Delete an assignment with its picture and its submissions', success: { status: 200, description: 'what was deleted' } },
  { method: 'POST', path: '/image-previews', entry: 'previewAssignmentImage', tag: 'assignments', summary: 'The picture a prompt gives, optimised, with its size and compression (cached for the create that follows)', body: ImageRequestBody, success: { status: 200, description: 'the picture (base64) and its metadata' } },
  { method: 'GET', path: '/jobs/{jobId}/artifacts', entry: 'listJobArtifacts', tag: 'results', summary: "Every artifact under a job's prefix with presigned GET URLs", success: { status: 200, description: 'the artifacts' } },
];

export const ROUTES: readonly RouteSpec[] = Object.freeze(
  TABLE.map((route) => {
    const idempotency = IDEMPOTENCY_POLICIES[route.entry];
    return Object.freeze(idempotency === undefined ? route : { ...route, idempotency });
  }),
);

/** `POST /training-jobs`: API Gateway's route key. */
export const routeKeyOf = (route: Pick<RouteSpec, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** The route a request matches and its path parameters (segments decoded), or undefined. */
export function matchRoute(routes: readonly RouteSpec[], method: string, path: string): { route: RouteSpec; pathParameters: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (const [i, part] of template.entries()) {
      const actual = segments[i] ?? '';
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      if (param !== undefined) {
        let value: string;
        try {
          value = decodeURIComponent(actual);
        } catch {
          ok = false;
          break;
        }
        if (value === '') {
          ok = false;
          break;
        }
        params[param] = value;
      } else if (part !== actual) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, pathParameters: params };
  }
  return undefined;
}
