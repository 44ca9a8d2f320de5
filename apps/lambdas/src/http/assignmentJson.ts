// Assignment answers as JSON: dates as ISO strings, everything else as the use cases shape it.
import type { AssignmentView } from '@edgecv/use-cases';

export function assignmentJson(view: AssignmentView): Record<string, unknown> {
  const image = view.image.status === 'available' && view.image.expiresAt ? { ...view.image, expiresAt: view.image.expiresAt.toISOString() } : view.image;
  return { ...view, image };
}
