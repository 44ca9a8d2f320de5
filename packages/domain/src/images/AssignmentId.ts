import { Segment } from '../keys/Segment';

/**
 * The one rule for an assignment id, wherever it comes in (store, get, URL, delete; CLI or HTTP):
 * it names the object `generated_images/{id}.webp`, so it is one key segment
 * (`[A-Za-z0-9._-]`, not `.` or `..`, at most 255 bytes). InvalidSegmentError otherwise.
 */
export const AssignmentId = /* @__PURE__ */ Object.freeze({
  parse(value: string): string {
    return Segment.parse('assignmentId', value);
  },
});
