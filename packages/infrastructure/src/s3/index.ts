export * from './S3ObjectStore';
export * from './S3ObjectStoreConfig';
export * from './HashingCounter';
export * from './ensureBucket';
export * from './S3InventorySource';
export { parseInventoryManifest, parseInventoryLocation, type InventoryManifest, type InventoryDataFile } from './inventoryManifest';
