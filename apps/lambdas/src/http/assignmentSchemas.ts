// Request shapes of the assignment routes. They only keep malformed JSON out; the rules (prompt
// and size limits, questions, answers) are the domain's, which names each offending field.
// A namespace import, so bundles keep only the zod builders used (the `z` object is all of zod, 0.4 MB).
import * as z from 'zod';

export const ImageRequestBody = z.strictObject({
  prompt: z.string().describe('what the picture shows (1-1024 characters)'),
  negativePrompt: z.string().optional().describe('what the picture must not show'),
  seed: z.number().int().optional().describe('0..2147483646; the same seed and prompt give the same picture (12 by default)'),
  width: z.number().int().optional().describe('320..4096, a multiple of 16 (1024 by default)'),
  height: z.number().int().optional().describe('320..4096, a multiple of 16 (1024 by default)'),
  cfgScale: z.number().optional().describe('1.1..10 (6.5 by default)'),
  quality: z.enum(['standard', 'premium']).optional(),
  fresh: z.boolean().optional().describe('generate again even when this request is cached (a new seed unless one is given)'),
});

export const CreateAssignmentBody = z
  .strictObject({
    assignmentId: z.string().optional().describe('by default the creation time in milliseconds'),
    teacherId: z.string(),
    questions: z.array(z.string()).describe('1..50 questions'),
    image: ImageRequestBody.optional().describe('generate the picture from a prompt'),
    imageBase64: z.string().optional().describe('or: an uploaded picture (PNG, JPEG, WebP, GIF), base64'),
  })
  .refine((b) => b.image === undefined || b.imageBase64 === undefined, { message: 'give at most one of image and imageBase64', path: ['image'] });

export const CompleteAssignmentBody = z.strictObject({
  studentId: z.string(),
  answers: z.array(z.string()).describe('one answer per question, in order'),
});
