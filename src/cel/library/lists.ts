import { CelScalar, type CelValue, celMethod, listType } from "@bufbuild/cel";
import { compareCel, equalsCel, typeName } from "./compare.js";

/**
 * The Kubernetes list library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max,
 * indexOf, lastIndexOf. Durations are not summed (objects carry them as strings).
 */
const { DYN, BOOL, INT } = CelScalar;
const LIST = listType(DYN);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function extreme(list: Iterable<CelValue>, name: string, better: (c: number) => boolean): CelValue {
  let best: CelValue | undefined;
  for (const item of list) if (best === undefined || better(compareCel(item, best))) best = item;
  if (best === undefined) throw new Error(`${name} called on empty list`);
  return best;
}

function sum(list: Iterable<CelValue>): CelValue {
  let total: bigint | number | undefined;
  for (const item of list) {
    if (typeof item === "bigint" && (total === undefined || typeof total === "bigint")) {
      total = (total ?? 0n) + item;
      if (total > INT64_MAX || total < INT64_MIN) throw new Error("int overflow");
    } else if (typeof item === "number" && (total === undefined || typeof total === "number")) {
      total = (total ?? 0) + item;
    } else {
      throw new Error(`no such overload: sum over ${typeName(item)}`);
    }
  }
  return total ?? 0n;
}

export const LIST_FUNCS = [
  celMethod("isSorted", LIST, [], BOOL, function () {
    let previous: CelValue | undefined;
    for (const item of this) {
      if (previous !== undefined && compareCel(previous, item) > 0) return false;
      previous = item;
    }
    return true;
  }),
  celMethod("sum", LIST, [], DYN, function () {
    return sum(this);
  }),
  celMethod("min", LIST, [], DYN, function () {
    return extreme(this, "min", (c) => c < 0);
  }),
  celMethod("max", LIST, [], DYN, function () {
    return extreme(this, "max", (c) => c > 0);
  }),
  celMethod("indexOf", LIST, [DYN], INT, function (wanted) {
    const items = Array.from(this);
    return BigInt(items.findIndex((item) => equalsCel(item, wanted)));
  }),
  celMethod("lastIndexOf", LIST, [DYN], INT, function (wanted) {
    const items = Array.from(this);
    return BigInt(items.findLastIndex((item) => equalsCel(item, wanted)));
  }),
];
