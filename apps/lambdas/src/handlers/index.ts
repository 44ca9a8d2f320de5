// Every HTTP handler by its entry name (the `entry` of ROUTES).
import type { HttpHandler } from '../runtime/defineHandler';
import { createJob } from './createJob';
import { createRun } from './createRun';
import { getCompilationStatus } from './getCompilationStatus';
import { getDeployment } from './getDeployment';
import { getTrainingJob } from './getTrainingJob';
import { listJobArtifacts } from './listJobArtifacts';
import { packageDeployment } from './packageDeployment';
import { publishComponent } from './publishComponent';
import { startCompilation } from './startCompilation';
import { startTrainingJob } from './startTrainingJob';
import { uploadResults } from './uploadResults';
import { storeAssignmentImage } from './storeAssignmentImage';
import { getAssignmentImage } from './getAssignmentImage';
import { getImageUrl } from './getImageUrl';
import { createAssignment } from './createAssignment';
import { listAssignments } from './listAssignments';
import { getAssignment } from './getAssignment';
import { completeAssignment } from './completeAssignment';
import { deleteAssignment } from './deleteAssignment';
import { previewAssignmentImage } from './previewAssignmentImage';

export const HTTP_HANDLERS: Readonly<Record<string, HttpHandler>> = Object.freeze({
  startTrainingJob,
  getTrainingJob,
  startCompilation,
  getCompilationStatus,
  packageDeployment,
  getDeployment,
  publishComponent,
  createJob,
  createRun,
  uploadResults,
  listJobArtifacts,
  storeAssignmentImage,
  getAssignmentImage,
  getImageUrl,
  createAssignment,
  listAssignments,
  getAssignment,
  completeAssignment,
  deleteAssignment,
  previewAssignmentImage,
});
