// Tokens for what the container provides beyond the ports (whose tokens live beside them).
export const ConfigToken = Symbol.for('edgecv.Config');
export const S3ClientToken = Symbol.for('edgecv.S3Client');
export const DynamoClientsToken = Symbol.for('edgecv.DynamoClients');
export const TableNamesToken = Symbol.for('edgecv.TableNames');
export const ResultsSettingsToken = Symbol.for('edgecv.ResultsSettings');

export const UseCaseTokens = {
  createJob: Symbol.for('edgecv.useCase.createJob'),
  createRun: Symbol.for('edgecv.useCase.createRun'),
  uploadResults: Symbol.for('edgecv.useCase.uploadResults'),
  getUploadLocation: Symbol.for('edgecv.useCase.getUploadLocation'),
  getJobArtifactUrls: Symbol.for('edgecv.useCase.getJobArtifactUrls'),
  archiveJob: Symbol.for('edgecv.useCase.archiveJob'),
} as const;
