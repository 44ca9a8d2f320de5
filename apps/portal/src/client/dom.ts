// A few DOM helpers: elements built with textContent only (never innerHTML), so a prompt or an
// answer is shown as text, whatever it contains.

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== undefined && child !== false) node.append(child);
  return node;
}

/** Replaces the page's main content and moves focus there, so keyboard and screen reader users land on it. */
export function show(...children: Child[]): void {
  const main = document.getElementById('app') as HTMLElement;
  main.replaceChildren(...children.filter((c): c is Node | string => c !== undefined && c !== false));
  main.focus();
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function formatDate(seconds: number | undefined): string {
  return seconds === undefined ? 'date unknown' : new Date(seconds * 1000).toLocaleString();
}
