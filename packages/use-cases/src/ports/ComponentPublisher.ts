// Greengrass v2 component publishing: a recipe in, a component version out.
/** The DI token of the ComponentPublisher. */
export const ComponentPublisherToken = Symbol.for('edgecv.ComponentPublisher');

/** An artifact of a Greengrass recipe: an `s3://` URI, unarchived on the device or not. */
export interface RecipeArtifact {
  readonly Uri: string;
  readonly Unarchive?: 'NONE' | 'ZIP';
}

/** A Greengrass recipe (format 2020-01-25), as JSON. */
export interface ComponentRecipe {
  readonly RecipeFormatVersion: '2020-01-25';
  readonly ComponentName: string;
  readonly ComponentVersion: string;
  readonly ComponentDescription: string;
  readonly ComponentPublisher: string;
  readonly ComponentConfiguration?: { readonly DefaultConfiguration: Readonly<Record<string, unknown>> };
  readonly Manifests: readonly {
    readonly Platform: Readonly<Record<string, string>>;
    readonly Lifecycle: Readonly<Record<string, string>>;
    readonly Artifacts: readonly RecipeArtifact[];
  }[];
}

/** A component version Greengrass accepted. */
export interface PublishedComponent {
  readonly arn: string;
  readonly componentName: string;
  readonly componentVersion: string;
  /** Greengrass's component state, e.g. DEPLOYABLE, REQUESTED, FAILED. */
  readonly state: string;
}

/** Greengrass v2 component publishing: a recipe in, a component version out. */
export interface ComponentPublisher {
  publish(recipe: ComponentRecipe, tags?: Readonly<Record<string, string>>): Promise<PublishedComponent>;
}
