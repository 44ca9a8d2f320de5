// getAssignment: the assignment with the URL its picture is loaded from, or the placeholder
// (spec 003 property 9) when it has none, when it failed, or when the object is missing. The
// object is checked with one HEAD; the bytes never pass through here.
import { randomUUID } from 'node:crypto';
import { AssignmentId } from '@edgecv/domain';
import type { AssignmentCatalog } from '../ports/AssignmentCatalog';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { describeError } from '../images/ImageOperationLog';
import type { ImageStorageConfig } from '../images/ImageStorageConfig';
import { imageLink } from '../images/imageLink';
import { currentImageKey } from '../images/legacyImageKey';
import { withDeadline } from '../images/withDeadline';
import { AssignmentNotFoundError } from './AssignmentErrors';
import { placeholder, viewOf, type AssignmentView, type ImageView } from './AssignmentView';

export interface GetAssignmentDeps {
  readonly catalog: AssignmentCatalog;
  readonly store: ObjectStore;
  readonly config: ImageStorageConfig;
  readonly logger: Logger;
}

export class GetAssignment {
  constructor(private readonly deps: GetAssignmentDeps) {}

  async execute(assignmentId: string, context: { readonly correlationId?: string } = {}): Promise<AssignmentView> {
    const record = await this.deps.catalog.get(AssignmentId.parse(assignmentId));
    if (!record) throw new AssignmentNotFoundError(assignmentId);
    return viewOf(record, await this.image(record, context.correlationId ?? randomUUID()));
  }

  private async image(record: NonNullable<Awaited<ReturnType<AssignmentCatalog['get']>>>, correlationId: string): Promise<ImageView> {
    const { store, config, logger } = this.deps;
    const status = record.s3UploadStatus;
    if (status === 'failed') return placeholder('failed', record.imageFailure);
    if (status === 'pending') return placeholder('pending');
    const key = currentImageKey(record);
    if (!key || status === 'no_image') return placeholder('no-image');
    try {
      const head = await withDeadline('head', config.timeoutMs, () => store.head(config.bucket, key));
      if (!head) {
        logger.warn('assignment image: object missing', { correlationId, assignmentId: record.assignmentId, key });
        return placeholder('missing-object');
      }
      return { status: 'available', key, ...(await imageLink(store, config, key)), ...(record.imageMetadata ? { metadata: record.imageMetadata } : {}) };
    } catch (error) {
      logger.error('assignment image: storage unavailable', { correlationId, assignmentId: record.assignmentId, key, ...describeError(error) });
      return placeholder('unavailable');
    }
  }
}
