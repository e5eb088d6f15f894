/**
 * Every level read-only: the configuration is never changed once read. Types derived from the JSON
 * Schema (json-schema-to-ts) come out mutable; this is applied over them. A leaf, so any section's
 * own module can use it without importing the configuration's types back.
 */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
