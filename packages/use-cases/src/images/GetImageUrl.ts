// getImageUrl: the CloudFront URL when a distribution is configured (the cacheable path of
// spec 003 §4), a presigned GET on the private bucket otherwise.
import { AssignmentId } from '@edgecv/domain';
import type { AssignmentRepository } from '../ports/AssignmentRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import type { ImageStorageConfig } from './ImageStorageConfig';
import { imageLink } from './imageLink';
import { currentImageKey } from './legacyImageKey';

export type ImageUrl =
  | { readonly found: true; readonly assignmentId: string; readonly key: string; readonly url: string; readonly source: 'cloudfront' | 'presigned'; readonly expiresAt?: Date }
  | { readonly found: false; readonly assignmentId: string; readonly reason: 'no-document' | 'no-image' };

export interface GetImageUrlDeps {
  readonly store: ObjectStore;
  readonly assignments: AssignmentRepository;
  readonly config: ImageStorageConfig;
}

export class GetImageUrl {
  constructor(private readonly deps: GetImageUrlDeps) {}

  async execute(assignmentId: string, options: { readonly expirySeconds?: number } = {}): Promise<ImageUrl> {
    const { store, assignments, config } = this.deps;
    AssignmentId.parse(assignmentId);
    const record = await assignments.find(assignmentId);
    if (!record) return { found: false, assignmentId, reason: 'no-document' };
    const key = currentImageKey(record);
    if (!key) return { found: false, assignmentId, reason: 'no-image' };
    return { found: true, assignmentId, key, ...(await imageLink(store, config, key, options.expirySeconds)) };
  }
}
