/** A DI token that remembers the type it resolves to, so `edgecv.get(token)` needs no cast. */
export type Token<T> = symbol & { readonly __resolves?: T };

export function token<T>(name: string): Token<T> {
  return Symbol.for(`edgecv.${name}`) as Token<T>;
}

/** `container.get` or a resolution context's `get`, typed by the token. */
export function resolve<T>(from: { get<U>(id: symbol): U }, id: Token<T>): T {
  return from.get<T>(id);
}
