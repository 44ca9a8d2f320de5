// The root entry holds only what every adapter family shares; each family has its own subpath
// export (./s3, ./dynamodb, ./mongo, ./image, ./archive, ./journal) so a Lambda loads only what it uses.
export * from './shared';
