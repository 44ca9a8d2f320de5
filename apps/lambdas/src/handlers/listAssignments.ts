// GET /assignments[?teacherId=&cursor=&limit=]: newest first, a page at a time, no images.
// A namespace import, so bundles keep only the zod builders used (the `z` object is all of zod, 0.4 MB).
import * as z from 'zod';
import { json } from '../http/http';
import { validate } from '../http/HttpRequest';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

const limit = z.coerce.number().int().optional();

export const listAssignments = defineHandler('listAssignments', [ASSIGNMENTS], async (req, { edgecv }) => {
  const teacherId = req.query('teacherId');
  const cursor = req.query('cursor');
  const pageSize = validate(limit, req.query('limit'), 'limit');
  const page = await edgecv.assignments.listAssignments.execute({
    ...(teacherId !== undefined ? { teacherId } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    ...(pageSize !== undefined ? { limit: pageSize } : {}),
  });
  return json(200, page);
});

export const handler = listAssignments.lambda;
