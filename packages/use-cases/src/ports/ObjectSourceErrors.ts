// What can be wrong with an S3 Inventory report given to `migrate plan --inventory` (an
// ObjectSource); each names the report (and the data file) so the operator knows which one to look at.
import { EdgecvError } from '@edgecv/domain';

/** The report cannot be read as an S3 Inventory (`INVALID_INVENTORY`), naming what is wrong with it. */
export class InvalidInventoryError extends EdgecvError {
  readonly code = 'INVALID_INVENTORY';
  constructor(
    readonly location: string,
    readonly detail: string,
  ) {
    super(`S3 Inventory ${location}: ${detail}`);
    this.name = 'InvalidInventoryError';
  }
}

/** The report is of another bucket than the one to plan (`INVALID_INVENTORY_BUCKET`). */
export class InventoryBucketMismatchError extends EdgecvError {
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

/** The report is not in CSV, the format edgecv reads (`UNSUPPORTED_INVENTORY_FORMAT`). */
export class UnsupportedInventoryFormatError extends EdgecvError {
  readonly code = 'UNSUPPORTED_INVENTORY_FORMAT';
  constructor(
    readonly location: string,
    readonly format: string,
  ) {
    super(`S3 Inventory ${location} is in ${format}; edgecv reads CSV inventories (configure the report with Output format CSV)`);
    this.name = 'UnsupportedInventoryFormatError';
  }
}

/** A data file's MD5 is not the manifest's: not the file the report wrote (`INVENTORY_CHECKSUM_MISMATCH`). */
export class InventoryChecksumMismatchError extends EdgecvError {
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
