// /portal/assignments/new (the teacher): a prompt, a preview of the picture with its size and
// compression, the questions, create; or an assignment without a picture.
import { api, problemOf } from './api';
import { el, formatBytes, show } from './dom';
import { errorMessage } from './messages';
import type { Assignment, Preview } from './types';

const TEACHER_KEY = 'edgecv.teacherId';

export function newPage(): void {
  document.title = 'New assignment · edgecv portal';
  const status = el('div', { 'aria-live': 'polite' });
  const teacher = el('input', { type: 'text', id: 'teacher', name: 'teacher', required: true, autocomplete: 'username', value: localStorage.getItem(TEACHER_KEY) ?? '' });
  const withPicture = el('input', { type: 'radio', id: 'with-picture', name: 'picture', value: 'generate', checked: true });
  const noPicture = el('input', { type: 'radio', id: 'no-picture', name: 'picture', value: 'none' });
  const prompt = el('textarea', { id: 'prompt', name: 'prompt', maxlength: '1024', 'aria-describedby': 'prompt-help' });
  const negative = el('input', { type: 'text', id: 'negative', name: 'negative', maxlength: '1024' });
  const previewButton = el('button', { type: 'button', class: 'secondary', id: 'preview' }, 'Show the picture');
  const againButton = el('button', { type: 'button', class: 'secondary', id: 'again', hidden: true }, 'Try another picture');
  const previewArea = el('div', { id: 'preview-area', 'aria-live': 'polite' });
  const pictureFields = el(
    'div',
    {},
    el('label', { for: 'prompt' }, 'Describe the picture'),
    prompt,
    el('small', { id: 'prompt-help', class: 'meta' }, 'For example: A serene mountain landscape at sunset'),
    el('label', { for: 'negative' }, 'What the picture must not show (optional)'),
    negative,
    el('div', {}, previewButton, ' ', againButton),
    previewArea,
  );
  const questions = el('div', { id: 'questions' });
  const addQuestion = el('button', { type: 'button', class: 'secondary' }, 'Add a question');
  const submit = el('button', { type: 'submit', id: 'create' }, 'Create assignment');
  const form = el(
    'form',
    { novalidate: true, 'aria-labelledby': 'title' },
    el('label', { for: 'teacher' }, 'Your teacher id'),
    teacher,
    el('fieldset', {}, el('legend', {}, 'Picture'), el('div', { class: 'choice' }, withPicture, el('label', { for: 'with-picture' }, 'Generate from a description'), noPicture, el('label', { for: 'no-picture' }, 'No picture')), pictureFields),
    el('fieldset', {}, el('legend', {}, 'Questions'), questions, addQuestion),
    submit,
  );
  show(el('h1', { id: 'title' }, 'New assignment'), status, form);

  const question = (text = '') => {
    const n = questions.childElementCount + 1;
    const id = `question-${n}`;
    questions.append(el('div', { class: 'question' }, el('label', { for: id }, `Question ${n}`), el('input', { type: 'text', id, name: 'question', value: text })));
  };
  question();
  addQuestion.addEventListener('click', () => {
    question();
    (questions.lastElementChild?.querySelector('input') as HTMLInputElement | null)?.focus();
  });
  const togglePicture = () => (pictureFields.hidden = noPicture.checked);
  withPicture.addEventListener('change', togglePicture);
  noPicture.addEventListener('change', togglePicture);

  let seed: number | undefined;
  let previewedPrompt: string | undefined;
  const preview = async (fresh: boolean) => {
    status.replaceChildren();
    previewButton.disabled = againButton.disabled = true;
    previewArea.replaceChildren(el('p', {}, 'Making the picture…'));
    try {
      const p = await api<Preview>('POST', '/image-previews', { prompt: prompt.value, ...(negative.value.trim() ? { negativePrompt: negative.value } : {}), ...(fresh ? { fresh: true } : {}) });
      seed = p.request.seed;
      previewedPrompt = prompt.value;
      const m = p.imageMetadata;
      const saved = Math.round((1 - m.compressionRatio) * 100);
      previewArea.replaceChildren(
        el(
          'figure',
          {},
          el('img', { src: `data:${p.contentType};base64,${p.imageBase64}`, alt: p.request.prompt, id: 'preview-image' }),
          el('figcaption', { id: 'preview-caption' }, `${m.dimensions} ${m.format.toUpperCase()}, ${formatBytes(m.optimizedSizeBytes)} (from ${formatBytes(m.originalSizeBytes)}, ${saved}% smaller)${p.generation.cached ? ' · made before, reused' : ''}`),
        ),
        ...p.warnings.map((w) => el('p', { class: 'meta' }, w)),
      );
      againButton.hidden = false;
    } catch (error) {
      previewArea.replaceChildren(errorMessage(problemOf(error)));
    } finally {
      previewButton.disabled = againButton.disabled = false;
    }
  };
  previewButton.addEventListener('click', () => void preview(false));
  againButton.addEventListener('click', () => void preview(true));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      status.replaceChildren();
      submit.disabled = true;
      submit.textContent = 'Creating…';
      try {
        localStorage.setItem(TEACHER_KEY, teacher.value);
        const texts = [...questions.querySelectorAll('input')].map((i) => i.value).filter((q) => q.trim() !== '');
        const picture = withPicture.checked
          ? { image: { prompt: prompt.value, ...(negative.value.trim() ? { negativePrompt: negative.value } : {}), ...(seed !== undefined && previewedPrompt === prompt.value ? { seed } : {}) } }
          : {};
        const created = await api<{ assignment: Assignment }>('POST', '/assignments', { teacherId: teacher.value, questions: texts, ...picture });
        location.assign(`/portal/assignments/${encodeURIComponent(created.assignment.assignmentId)}?created=1`);
      } catch (error) {
        status.replaceChildren(errorMessage(problemOf(error)));
        submit.disabled = false;
        submit.textContent = 'Create assignment';
      }
    })();
  });
}
