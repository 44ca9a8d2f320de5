// createAssignment (spec 003's create page): the document first, with its questions and an
// honest s3_upload_status, then the picture: generated from a prompt (or taken as uploaded),
// optimised, stored, recorded. A picture that cannot be made or stored leaves the assignment
// usable without it: status `failed` and the reason in plain words, never a half-written one.
import { randomUUID } from 'node:crypto';
import { AssignmentId, AssignmentQuestions, InvalidAssignmentError } from '@edgecv/domain';
import type { AssignmentCatalog, ImageFailure } from '../ports/AssignmentCatalog';
import type { Clock } from '../ports/Clock';
import type { Logger } from '../ports/Logger';
import { CorrelatedError } from '../images/CorrelatedError';
import { describeError } from '../images/ImageOperationLog';
import type { StoreAssignmentImage } from '../images/StoreAssignmentImage';
import type { GenerateImage, GenerateImageInput } from '../generation/GenerateImage';
import { AssignmentAlreadyExistsError } from './AssignmentErrors';
import type { AssignmentView } from './AssignmentView';
import type { GetAssignment } from './GetAssignment';

export type NewAssignmentImage =
  | { readonly kind: 'none' }
  | { readonly kind: 'generate'; readonly request: GenerateImageInput }
  | { readonly kind: 'upload'; readonly bytes: Uint8Array };

export interface CreateAssignmentInput {
  /** Chosen by the caller, or the creation time in milliseconds as the portal made them. */
  readonly assignmentId?: string;
  readonly teacherId: unknown;
  readonly questions: unknown;
  readonly image: NewAssignmentImage;
  readonly correlationId?: string;
}

export interface CreatedAssignment {
  readonly assignment: AssignmentView;
  /** How the picture was made, when one was asked for and made. */
  readonly generation?: { readonly model: string; readonly seed: number; readonly cached: boolean; readonly requestHash: string };
  readonly warnings: readonly string[];
  readonly correlationId: string;
}

export interface CreateAssignmentDeps {
  readonly catalog: AssignmentCatalog;
  readonly generate: Pick<GenerateImage, 'prepare' | 'run'>;
  readonly storeImage: Pick<StoreAssignmentImage, 'execute'>;
  readonly get: Pick<GetAssignment, 'execute'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Ids made from the clock collide only within a millisecond: the next free one is taken. */
const ID_ATTEMPTS = 50;

export class CreateAssignment {
  constructor(private readonly deps: CreateAssignmentDeps) {}

  async execute(input: CreateAssignmentInput): Promise<CreatedAssignment> {
    const { catalog, clock, logger } = this.deps;
    const correlationId = input.correlationId ?? randomUUID();
    // Everything is validated before anything is written.
    const teacherId = AssignmentQuestions.parsePersonId('teacherId', input.teacherId);
    const questions = AssignmentQuestions.parse(input.questions);
    if (input.assignmentId !== undefined) AssignmentId.parse(input.assignmentId);
    const generation = input.image.kind === 'generate' ? this.deps.generate.prepare(input.image.request) : undefined;
    if (input.image.kind === 'upload' && input.image.bytes.byteLength === 0) throw new InvalidAssignmentError([{ path: 'image', message: 'the uploaded image is empty' }]);

    const now = clock.now();
    const prompt = generation?.request.prompt;
    const assignmentId = await this.insert(input.assignmentId, now.getTime(), {
      teacherId,
      ...(prompt !== undefined ? { prompt } : {}),
      questions,
      createdAt: now.getTime() / 1000,
      s3UploadStatus: input.image.kind === 'none' ? 'no_image' : 'pending',
    });
    logger.info('assignment created', { correlationId, assignmentId, teacherId, image: input.image.kind });

    const warnings: string[] = [];
    let made: CreatedAssignment['generation'];
    if (input.image.kind !== 'none') {
      // Uploads not attempted (the picture was never made) are 0; storing records its own attempts.
      let attempts: number | undefined = 0;
      try {
        let bytes: Uint8Array;
        if (generation) {
          const picture = await this.deps.generate.run(generation, { correlationId });
          made = { model: picture.model, seed: picture.request.seed, cached: picture.cached, requestHash: picture.requestHash };
          bytes = picture.bytes;
        } else bytes = (input.image as { bytes: Uint8Array }).bytes;
        attempts = undefined;
        const stored = await this.deps.storeImage.execute(assignmentId, bytes, {
          teacherId,
          correlationId,
          ...(prompt !== undefined ? { prompt } : {}),
          ...(made ? { generation: made } : {}),
        });
        warnings.push(...stored.warnings);
      } catch (error) {
        const failure = imageFailureOf(error, correlationId);
        logger.error('assignment image failed; the assignment stays without it', { correlationId, assignmentId, ...describeError(error) });
        await catalog.recordImageFailure(assignmentId, failure, attempts);
        warnings.push(failure.message);
      }
    }
    const assignment = await this.deps.get.execute(assignmentId, { correlationId });
    return { assignment, ...(made ? { generation: made } : {}), warnings, correlationId };
  }

  private async insert(given: string | undefined, nowMs: number, fields: Omit<Parameters<AssignmentCatalog['insert']>[0], 'assignmentId'>): Promise<string> {
    if (given !== undefined) {
      await this.deps.catalog.insert({ assignmentId: given, ...fields });
      return given;
    }
    for (let i = 0; i < ID_ATTEMPTS; i++) {
      const assignmentId = String(nowMs + i);
      try {
        await this.deps.catalog.insert({ assignmentId, ...fields });
        return assignmentId;
      } catch (error) {
        if (!(error instanceof AssignmentAlreadyExistsError)) throw error;
      }
    }
    throw new AssignmentAlreadyExistsError(String(nowMs));
  }
}

/** The reason a teacher reads: the typed error's own words, or a general one for the unexpected. */
function imageFailureOf(error: unknown, correlationId: string): ImageFailure {
  if (error instanceof CorrelatedError) return { code: error.code, message: error.userMessage, correlationId };
  const code = (error as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : 'IMAGE_FAILED', message: 'The picture could not be saved. Please try again later.', correlationId };
}
