// Where a browser fetches a stored image: the CloudFront URL when a distribution is configured
// (the cacheable path of spec 003 §4), a presigned GET on the private bucket otherwise. The
// image travels from S3/CloudFront straight to the viewer, never through the API.
import type { ObjectStore } from '../ports/ObjectStore';
import { cloudfrontUrl, type ImageStorageConfig } from './ImageStorageConfig';

export interface ImageLink {
  readonly url: string;
  readonly source: 'cloudfront' | 'presigned';
  readonly expiresAt?: Date;
}

export async function imageLink(store: ObjectStore, config: ImageStorageConfig, key: string, expirySeconds?: number): Promise<ImageLink> {
  if (config.cloudfrontDomain) return { url: cloudfrontUrl(config.cloudfrontDomain, key), source: 'cloudfront' };
  const signed = await store.presignGet(config.bucket, key, { expirySeconds: expirySeconds ?? config.presignExpirySeconds });
  return { url: signed.url, source: 'presigned', expiresAt: signed.expiresAt };
}
