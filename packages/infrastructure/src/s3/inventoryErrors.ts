// What can be wrong with an S3 Inventory report given to `migrate plan --inventory`; each names
// the report (and the data file) so the operator knows which one to look at.

export class InvalidInventoryError extends Error {
  readonly code = 'INVALID_INVENTORY';
  constructor(
    readonly location: string,
    readonly detail: string,
  ) {
    super(`S3 Inventory ${location}: ${detail}`);
    this.name = 'InvalidInventoryError';
  }
}

export class InventoryBucketMismatchError extends Error {
  readonly code = 'INVALID_INVENTORY_BUCKET';
  constructor(
    readonly location: string,
    readonly reportedBucket: string,
    readonly bucket: string,
  ) {
    super(`S3 Inventory ${location} is a report of bucket ${reportedBucket}, not of ${bucket}`);
    this.name = 'InventoryBucketMismatchError';
  }
}

export class UnsupportedInventoryFormatError extends Error {
  readonly code = 'UNSUPPORTED_INVENTORY_FORMAT';
  constructor(
    readonly location: string,
    readonly format: string,
  ) {
    super(`S3 Inventory ${location} is in ${format}; edgecv reads CSV inventories (configure the report with Output format CSV)`);
    this.name = 'UnsupportedInventoryFormatError';
  }
}

export class InventoryChecksumMismatchError extends Error {
  readonly code = 'INVENTORY_CHECKSUM_MISMATCH';
  constructor(
    readonly file: string,
    readonly expectedMd5: string,
    readonly actualMd5: string,
  ) {
    super(`S3 Inventory data file ${file} has MD5 ${actualMd5}, the manifest says ${expectedMd5}: the file is not the one the report wrote`);
    this.name = 'InventoryChecksumMismatchError';
  }
}
