import { type CelFunc, type CelInput, CelScalar, type CelValue, celFunc, celMap, celMethod, isCelMap } from "@bufbuild/cel";

/**
 * Kubernetes' own CEL types (Quantity, URL, IP, CIDR, Semver) as values cel-es can carry: a map with one
 * marker key naming the type, holding the value's canonical text. Equal values have equal text, so
 * CEL's `==` on them means what it means in Kubernetes (`cidr(x) == cidr(x).masked()`).
 */
export type OpaqueKind = "Quantity" | "URL" | "IP" | "CIDR" | "Semver" | "Format" | "Optional";

const PREFIX = "@kubernetes.";

export function opaque(kind: OpaqueKind, canonical: CelInput): CelValue {
  return celMap(new Map([[`${PREFIX}${kind}`, canonical]]));
}

/** The kind and canonical value of an opaque value, or undefined for any other value. */
export function unwrap(value: CelValue): { kind: OpaqueKind; value: CelValue } | undefined {
  if (!isCelMap(value) || value.size !== 1) return undefined;
  const [key, inner] = value.entries().next().value as [unknown, CelValue];
  if (typeof key !== "string" || !key.startsWith(PREFIX)) return undefined;
  return { kind: key.slice(PREFIX.length) as OpaqueKind, value: inner };
}

export function expect(value: CelValue, kind: OpaqueKind, name: string): CelValue {
  const inner = unwrap(value);
  if (inner?.kind !== kind) throw new Error(`no such overload: ${name} needs a ${kind}`);
  return inner.value;
}

type Impl = (target: CelValue, ...args: CelValue[]) => CelInput;

/**
 * One method name shared by several types (`compareTo` on Quantity and Semver, `ip()` on CIDR): cel-es
 * stops at the first overload that answers, so a single overload dispatches on the receiver's kind.
 */
export function methods(name: string, arity: number, byKind: Partial<Record<OpaqueKind, Impl>>): CelFunc {
  const args = Array.from({ length: arity }, () => CelScalar.DYN);
  return celMethod(name, CelScalar.DYN, args, CelScalar.DYN, function (this: CelValue, ...rest: CelValue[]) {
    const kind = unwrap(this)?.kind;
    const impl = kind ? byKind[kind] : undefined;
    if (!impl) throw new Error(`no such overload: ${name} on ${kind ?? "this value"}`);
    return impl(this, ...rest);
  } as never);
}

export function func(name: string, arity: number, impl: (...args: CelValue[]) => CelInput): CelFunc {
  const args = Array.from({ length: arity }, () => CelScalar.DYN);
  return celFunc(name, args, CelScalar.DYN, impl as never);
}

export function str(value: CelValue, what: string): string {
  if (typeof value !== "string") throw new Error(`no such overload: ${what} needs a string`);
  return value;
}
