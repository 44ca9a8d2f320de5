// deleteAssignmentImage: removes the assignment's image object(s) (the current one and a legacy
// PNG, if any) and clears the image fields of its document.
import { randomUUID } from 'node:crypto';
import { AssignmentId } from '@edgecv/domain';
import type { AssignmentRepository } from '../ports/AssignmentRepository';
import type { Clock } from '../ports/Clock';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { ImageOperationLog } from './ImageOperationLog';
import type { ImageStorageConfig } from './ImageStorageConfig';
import { S3PermissionError, S3UploadError } from './ImageStorageErrors';
import { legacyImageKey } from './legacyImageKey';
import { withDeadline } from './withDeadline';

export interface DeletedAssignmentImage {
  readonly assignmentId: string;
  /** Keys removed; empty when the assignment had no image. */
  readonly deletedKeys: readonly string[];
  readonly correlationId: string;
}

export interface DeleteAssignmentImageDeps {
  readonly store: ObjectStore;
  readonly assignments: AssignmentRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ImageStorageConfig;
}

export class DeleteAssignmentImage {
  constructor(private readonly deps: DeleteAssignmentImageDeps) {}

  async execute(assignmentId: string, context: { readonly teacherId?: string; readonly correlationId?: string } = {}): Promise<DeletedAssignmentImage> {
    const { store, assignments, config } = this.deps;
    AssignmentId.parse(assignmentId);
    const correlationId = context.correlationId ?? randomUUID();
    const log = new ImageOperationLog(this.deps.logger, this.deps.clock, { correlationId, assignmentId, ...(context.teacherId ? { teacherId: context.teacherId } : {}) });
    const record = await assignments.find(assignmentId);
    const keys = [record?.s3ImageKey, record?.legacyImageName ? legacyImageKey(record.legacyImageName) : undefined].filter(
      (k, i, all): k is string => k !== undefined && all.indexOf(k) === i,
    );
    if (keys.length > 0) {
      const result = await withDeadline('delete', config.timeoutMs, () => store.deleteMany(config.bucket, keys.map((key) => ({ key }))));
      const failure = result.errors[0];
      if (failure) {
        log.record('error', 'delete', 'failure', { keys, errorCode: failure.code, error: failure.message });
        const ctx = { assignmentId, key: failure.key, correlationId, cause: failure };
        throw failure.accessDenied ? new S3PermissionError('delete', ctx) : new S3UploadError(ctx, 'The image could not be deleted. Please try again later.');
      }
    }
    if (record) await assignments.clearImage(assignmentId);
    log.record('info', 'delete', keys.length > 0 ? 'success' : 'skipped', { keys });
    return { assignmentId, deletedKeys: keys, correlationId };
  }
}
