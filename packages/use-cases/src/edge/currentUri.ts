// Records written before the migration's cut-over hold legacy URIs (`datasets//training-output/...`);
// API answers always speak the new layout, so every stored URI is read through the PathResolver.
import { PathResolver, type S3PathConfig } from '@edgecv/domain';

export class CurrentUris {
  private readonly resolver: PathResolver;

  constructor(pathConfig: S3PathConfig) {
    this.resolver = new PathResolver(pathConfig);
  }

  /** The URI in the new layout for a stored `s3://` URI (unchanged when it already conforms). */
  of(storedUri: string): string {
    return this.resolver.resolveArtifactPath(storedUri);
  }

  /** True when the stored URI is still in a legacy layout. */
  isLegacy(storedUri: string): boolean {
    return this.of(storedUri) !== storedUri;
  }
}
