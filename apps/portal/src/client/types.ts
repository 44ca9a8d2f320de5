// The API's answers, as far as the pages read them.
export interface ImageMetadata {
  readonly originalSizeBytes: number;
  readonly optimizedSizeBytes: number;
  readonly compressionRatio: number;
  readonly format: string;
  readonly dimensions: string;
  readonly generation?: { readonly cached: boolean; readonly seed: number };
}

export type ImageView =
  | { readonly status: 'available'; readonly url: string; readonly metadata?: ImageMetadata }
  | { readonly status: 'unavailable'; readonly reason: string; readonly message: string; readonly failure?: { readonly code: string; readonly message: string; readonly correlationId: string } };

export interface Assignment {
  readonly assignmentId: string;
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly questions: readonly string[];
  readonly createdAt?: number;
  readonly s3UploadStatus?: string;
  readonly image: ImageView;
}

export interface AssignmentSummary {
  readonly assignmentId: string;
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly questionCount: number;
  readonly createdAt?: number;
  readonly s3UploadStatus?: string;
}

export interface Preview {
  readonly imageBase64: string;
  readonly contentType: string;
  readonly imageMetadata: ImageMetadata;
  readonly request: { readonly seed: number; readonly prompt: string };
  readonly generation: { readonly cached: boolean };
  readonly warnings: readonly string[];
}
