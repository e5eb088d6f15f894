import { type CelInput, type CelValue, celList, isCelList, isCelMap } from "@bufbuild/cel";
import { func, methods, opaque, unwrap } from "./opaque.js";

/**
 * CEL optional values as functions (the `.?` / `[?` syntax does not parse in cel-es): optional.of,
 * optional.none, optional.ofNonZeroValue, and hasValue, value, orValue, or. The format library returns
 * them. An optional is a list of zero or one value inside the opaque wrapper.
 */
export function some(value: CelInput): CelValue {
  return opaque("Optional", celList([value]));
}

export const NONE: CelValue = opaque("Optional", celList([]));

function content(optional: CelValue): CelValue[] {
  const inner = unwrap(optional)?.value;
  return isCelList(inner) ? Array.from(inner) : [];
}

function isZero(value: CelValue): boolean {
  if (value === null || value === false || value === "" || value === 0n || value === 0) return true;
  if (isCelList(value) || isCelMap(value)) return value.size === 0;
  if (value instanceof Uint8Array) return value.length === 0;
  return false;
}

export const OPTIONAL_FUNCS = [
  func("optional.of", 1, (value) => some(value)),
  func("optional.none", 0, () => NONE),
  func("optional.ofNonZeroValue", 1, (value) => (isZero(value) ? NONE : some(value))),
  methods("hasValue", 0, { Optional: (optional) => content(optional).length > 0 }),
  methods("value", 0, {
    Optional: (optional) => {
      const [value] = content(optional);
      if (value === undefined) throw new Error("optional.none() dereference");
      return value;
    },
  }),
  methods("orValue", 1, { Optional: (optional, fallback) => content(optional)[0] ?? (fallback as CelValue) }),
  methods("or", 1, { Optional: (optional, other) => (content(optional).length > 0 ? optional : (other as CelValue)) }),
];
