export * from './SeedLegacyBucket';
