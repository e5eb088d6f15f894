import {
  type CelFunc,
  type CelResult,
  CelScalar,
  type CelValue,
  celError,
  celFunc,
  celListConcat,
  isCelList,
  listType,
} from "@bufbuild/cel";

/**
 * Size limits on the operations that can grow a value faster than the comprehension budget counts:
 * string and list concatenation, `replace` and `join`. Each size is checked before the value is built,
 * so `s.replace('', s)` on a large annotation is an error at once, not a gigabyte later.
 */
export const MAX_STRING_LENGTH = 1 << 20;
export const MAX_LIST_SIZE = 100_000;

const { STRING, DYN } = CelScalar;

function tooLong(length: number): string | undefined {
  return length > MAX_STRING_LENGTH ? `string result over ${MAX_STRING_LENGTH} characters` : undefined;
}

/** Non-overlapping occurrences, as Go's strings.Replace counts them; "" occurs at every code point boundary. */
function occurrences(text: string, old: string, limit: bigint | undefined): number {
  const count = old === "" ? [...text].length + 1 : text.split(old).length - 1;
  return limit !== undefined && limit >= 0n && BigInt(count) > limit ? Number(limit) : count;
}

/** `func`, with `problem` asked first whenever the call is of its types: a message stops the call. */
function guarded(func: CelFunc, problem: (target: CelValue | undefined, args: CelValue[]) => string | undefined): CelFunc {
  const wrapper = Object.create(func) as CelFunc & { call: CelFunc["call"] };
  wrapper.call = (id: number, target: CelValue | undefined, args: CelValue[]): CelResult | undefined => {
    const message = problem(target, args);
    return message ? celError(message, id) : func.call(id, target, args);
  };
  return wrapper;
}

/** The guarded versions of the strings extension's `replace` and `join`, plus `+` on strings and lists. */
export function limited(strings: readonly CelFunc[]): CelFunc[] {
  const replace = (target: CelValue | undefined, [old, replacement, limit]: CelValue[]) =>
    typeof target === "string" && typeof old === "string" && typeof replacement === "string"
      ? tooLong(
          target.length +
            occurrences(target, old, typeof limit === "bigint" ? limit : undefined) * (replacement.length - old.length),
        )
      : undefined;
  const join = (target: CelValue | undefined, [separator]: CelValue[]) => {
    if (!isCelList(target)) return undefined;
    let length = Math.max(0, target.size - 1) * (typeof separator === "string" ? separator.length : 0);
    for (const item of target) length += typeof item === "string" ? item.length : 0;
    return tooLong(length);
  };
  const wrapped = strings.map((func) =>
    func.name === "replace" ? guarded(func, replace) : func.name === "join" ? guarded(func, join) : func,
  );
  return [
    ...wrapped,
    celFunc("_+_", [STRING, STRING], STRING, (left, right) => {
      const message = tooLong(left.length + right.length);
      if (message) throw new Error(message);
      return left + right;
    }),
    celFunc("_+_", [listType(DYN), listType(DYN)], listType(DYN), (left, right) => {
      if (left.size + right.size > MAX_LIST_SIZE) throw new Error(`list result over ${MAX_LIST_SIZE} elements`);
      return celListConcat(left, right);
    }),
  ];
}
