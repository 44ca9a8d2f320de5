// The portal's router: one page per path under /portal/ (full page loads, plain links).
import { el, show } from './dom';
import { assignmentPage } from './assignmentPage';
import { listPage } from './listPage';
import { newPage } from './newPage';

function route(): void {
  const path = location.pathname.replace(/^\/portal\/?/, '').replace(/\/+$/, '');
  if (path === '' || path === 'index.html') return void listPage();
  if (path === 'assignments/new') return newPage();
  const view = /^assignments\/([^/]+)$/.exec(path);
  if (view?.[1]) return void assignmentPage(decodeURIComponent(view[1]));
  show(el('h1', {}, 'Page not found'), el('p', {}, el('a', { href: '/portal/' }, 'Back to the assignments')));
}

route();
