// /portal/assignments/{id} (the student): the picture, loaded by the browser straight from its
// S3/CloudFront URL, the questions, and the answers submitted.
import { api, problemOf } from './api';
import { el, formatBytes, show } from './dom';
import { errorMessage, okMessage, placeholder } from './messages';
import type { Assignment } from './types';

const STUDENT_KEY = 'edgecv.studentId';

export async function assignmentPage(id: string): Promise<void> {
  let a: Assignment;
  try {
    a = await api<Assignment>('GET', `/assignments/${encodeURIComponent(id)}`);
  } catch (error) {
    show(el('h1', {}, 'Assignment'), errorMessage(problemOf(error)), el('p', {}, el('a', { href: '/portal/' }, 'Back to the assignments')));
    return;
  }
  const title = a.prompt ?? `Assignment ${a.assignmentId}`;
  document.title = `${title} · edgecv portal`;
  const created = new URLSearchParams(location.search).has('created');
  show(
    el('h1', {}, title),
    created ? okMessage('The assignment was created.') : undefined,
    picture(a),
    answersForm(a),
    el('p', {}, el('a', { href: '/portal/' }, 'Back to the assignments')),
  );
}

function picture(a: Assignment): HTMLElement {
  const image = a.image;
  if (image.status !== 'available') return el('figure', { id: 'picture' }, placeholder(image.failure?.message ?? image.message, image.failure?.correlationId));
  const img = el('img', { src: image.url, alt: a.prompt ?? 'The assignment picture', id: 'assignment-image' });
  const figure = el('figure', { id: 'picture' }, img, image.metadata ? el('figcaption', {}, `${image.metadata.dimensions} ${image.metadata.format.toUpperCase()}, ${formatBytes(image.metadata.optimizedSizeBytes)}`) : undefined);
  // The object can still go missing between the answer and the load: show the placeholder then.
  img.addEventListener('error', () => figure.replaceChildren(placeholder('Image not available')));
  return figure;
}

function answersForm(a: Assignment): HTMLElement {
  if (a.questions.length === 0) return el('p', {}, 'This assignment has no questions.');
  const status = el('div', { 'aria-live': 'polite' });
  const student = el('input', { type: 'text', id: 'student', name: 'student', required: true, autocomplete: 'username', value: localStorage.getItem(STUDENT_KEY) ?? '' });
  const fields = a.questions.map((q, i) => {
    const id = `answer-${i + 1}`;
    return { box: el('div', { class: 'question' }, el('label', { for: id }, `${i + 1}. ${q}`), el('textarea', { id, name: 'answer' })), id };
  });
  const submit = el('button', { type: 'submit', id: 'submit-answers' }, 'Submit answers');
  const form = el('form', { novalidate: true, 'aria-label': 'Your answers' }, el('h2', {}, 'Questions'), el('label', { for: 'student' }, 'Your student id'), student, ...fields.map((f) => f.box), submit, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      status.replaceChildren();
      submit.disabled = true;
      try {
        localStorage.setItem(STUDENT_KEY, student.value);
        const answers = fields.map((f) => (document.getElementById(f.id) as HTMLTextAreaElement).value);
        const done = await api<{ replaced: boolean }>('POST', `/assignments/${encodeURIComponent(a.assignmentId)}/answers`, { studentId: student.value, answers });
        status.replaceChildren(okMessage(done.replaced ? 'Your new answers were saved; they replace the ones you sent before.' : 'Your answers were saved.'));
      } catch (error) {
        status.replaceChildren(errorMessage(problemOf(error)));
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
