// Typed DI tokens, declared per module beside the bindings they name, so a resolved use case needs
// no cast; and the typed groups of use cases the composition root hands to the apps.
import type { Container } from 'inversify';

/** A DI token that remembers the type it resolves to. */
export type Token<T> = symbol & { readonly __resolves?: T };

export function token<T>(name: string): Token<T> {
  return Symbol.for(`edgecv.${name}`) as Token<T>;
}

/** `container.get` or a resolution context's `get`, typed by the token. */
export function resolve<T>(from: { get<U>(id: symbol): U }, id: Token<T>): T {
  return from.get<T>(id);
}

export type Resolved<M> = { readonly [K in keyof M]: M[K] extends Token<infer T> ? T : never };

/**
 * A capability's use cases as one typed object; each is built (with its adapters and
 * connections) the first time it is used, so a command pays only for what it calls.
 */
export function useCaseGroup<M extends Record<string, Token<unknown>>>(container: Container, tokens: M): Resolved<M> {
  const group = {};
  for (const [name, id] of Object.entries(tokens)) Object.defineProperty(group, name, { enumerable: true, get: () => container.get(id) });
  return Object.freeze(group) as Resolved<M>;
}
