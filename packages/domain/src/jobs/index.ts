export { JobId, RunId } from './JobId';
export { JobS3Prefix, type JobForPrefix, type JobPrefixLayout, type ParsedJobKey } from './JobS3Prefix';
export {
  toEpochMillis,
  formatTimestampPath,
  parseTimestampPath,
  isLeapYear,
  daysInMonth,
} from './Timestamp';
