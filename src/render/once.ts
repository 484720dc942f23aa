/** `make()`, called once, when first needed (its value kept, undefined included). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
