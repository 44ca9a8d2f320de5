// Messages shown in the page: an error (role=alert, read at once) or a confirmation
// (role=status), each with its support reference in small print.
import { el } from './dom';
import type { Problem } from './api';

export function errorMessage(problem: Problem): HTMLElement {
  return el('div', { class: 'message error', role: 'alert' }, problem.message, problem.reference ? el('small', { class: 'reference' }, `Reference: ${problem.reference}`) : undefined);
}

export function okMessage(text: string): HTMLElement {
  return el('div', { class: 'message ok', role: 'status' }, text);
}

/** The picture's place when there is none (spec 003 property 9): a message, never a broken image. */
export function placeholder(message: string, reference?: string): HTMLElement {
  return el(
    'div',
    { class: 'placeholder', role: 'img', 'aria-label': `Image not available. ${message}`, 'data-placeholder': true },
    el('strong', {}, 'Image not available'),
    message !== 'Image not available' ? el('span', {}, message) : undefined,
    reference ? el('small', { class: 'reference' }, `Reference: ${reference}`) : undefined,
  );
}
