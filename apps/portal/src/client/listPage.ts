// /portal/: the assignments, newest first, a page at a time, optionally one teacher's.
import { api, problemOf } from './api';
import { el, formatDate, show } from './dom';
import { errorMessage } from './messages';
import type { AssignmentSummary } from './types';

const STATUS: Record<string, string> = { success: 'picture ready', no_image: 'no picture', failed: 'picture failed', pending: 'picture in progress' };

export async function listPage(): Promise<void> {
  document.title = 'Assignments · edgecv portal';
  const params = new URLSearchParams(location.search);
  const teacher = params.get('teacherId') ?? '';
  const list = el('ul', { class: 'assignments', 'aria-label': 'Assignments' });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const filter = el(
    'form',
    { method: 'get', role: 'search' },
    el('label', { for: 'teacherId' }, 'Show the assignments of teacher'),
    el('input', { type: 'text', id: 'teacherId', name: 'teacherId', value: teacher, autocomplete: 'off' }),
    el('button', { type: 'submit', class: 'secondary' }, 'Filter'),
  );
  const status = el('div', { 'aria-live': 'polite' });
  show(el('h1', {}, 'Assignments'), el('p', {}, el('a', { href: '/portal/assignments/new' }, 'Create a new assignment')), filter, status, list, more);

  let cursor: string | undefined;
  const load = async () => {
    more.disabled = true;
    try {
      const query = new URLSearchParams({ limit: '20', ...(teacher ? { teacherId: teacher } : {}), ...(cursor ? { cursor } : {}) });
      const page = await api<{ items: AssignmentSummary[]; nextCursor?: string }>('GET', `/assignments?${query.toString()}`);
      for (const a of page.items) list.append(item(a));
      if (list.childElementCount === 0) status.replaceChildren(el('p', {}, 'There are no assignments yet.'));
      cursor = page.nextCursor;
      more.hidden = cursor === undefined;
    } catch (error) {
      status.replaceChildren(errorMessage(problemOf(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  await load();
}

function item(a: AssignmentSummary): HTMLElement {
  const state = a.s3UploadStatus ?? 'no_image';
  return el(
    'li',
    { 'data-assignment-id': a.assignmentId },
    el('a', { href: `/portal/assignments/${encodeURIComponent(a.assignmentId)}` }, a.prompt ?? `Assignment ${a.assignmentId}`),
    el('span', { class: `badge ${state}` }, STATUS[state] ?? state),
    el('div', { class: 'meta' }, `${a.questionCount} question(s) · ${a.teacherId ?? 'unknown teacher'} · ${formatDate(a.createdAt)}`),
  );
}
