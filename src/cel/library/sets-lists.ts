import { type CelList, CelScalar, type CelValue, celList, celMethod, isCelList, listType } from "@bufbuild/cel";
import { compareCel, equalsCel } from "./compare.js";
import { MAX_LIST_SIZE } from "./limits.js";
import { func } from "./opaque.js";
import { NONE, some } from "./optional.js";

/**
 * cel-go's `sets` extension (sets.contains, sets.equivalent, sets.intersects) and the parts of its
 * `lists` extension that need no new syntax (slice, flatten, distinct, reverse, sort, first, last,
 * lists.range), both enabled in Kubernetes' CEL environment.
 */
const { DYN, INT } = CelScalar;
const LIST = listType(DYN);

const has = (list: Iterable<CelValue>, wanted: CelValue) => {
  for (const item of list) if (equalsCel(item, wanted)) return true;
  return false;
};

function list(value: CelValue, name: string): CelList {
  if (!isCelList(value)) throw new Error(`no such overload: ${name} needs lists`);
  return value;
}

function flatten(items: CelList, depth: bigint): CelValue[] {
  if (depth < 0n) throw new Error("level must be non-negative");
  const out: CelValue[] = [];
  for (const item of items) {
    if (isCelList(item) && depth > 0n) out.push(...flatten(item, depth - 1n));
    else out.push(item);
    if (out.length > MAX_LIST_SIZE) throw new Error(`list result over ${MAX_LIST_SIZE} elements`);
  }
  return out;
}

export const SET_AND_LIST_FUNCS = [
  func("sets.contains", 2, (a, b) => Array.from(list(b, "sets.contains")).every((item) => has(list(a, "sets.contains"), item))),
  func("sets.equivalent", 2, (a, b) => {
    const left = list(a, "sets.equivalent");
    const right = list(b, "sets.equivalent");
    return Array.from(right).every((item) => has(left, item)) && Array.from(left).every((item) => has(right, item));
  }),
  func("sets.intersects", 2, (a, b) =>
    Array.from(list(b, "sets.intersects")).some((item) => has(list(a, "sets.intersects"), item)),
  ),
  celMethod("slice", LIST, [INT, INT], LIST, function (start, end) {
    if (start < 0n || end < 0n) throw new Error(`cannot slice(${start}, ${end}), negative indexes not supported`);
    if (start > end) throw new Error(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
    if (end > BigInt(this.size)) throw new Error(`cannot slice(${start}, ${end}), list is length ${this.size}`);
    return celList(Array.from(this).slice(Number(start), Number(end)));
  }),
  celMethod("flatten", LIST, [], LIST, function () {
    return celList(flatten(this, 1n));
  }),
  celMethod("flatten", LIST, [INT], LIST, function (depth) {
    return celList(flatten(this, depth));
  }),
  celMethod("distinct", LIST, [], LIST, function () {
    const out: CelValue[] = [];
    for (const item of this) if (!has(out, item)) out.push(item);
    return celList(out);
  }),
  celMethod("reverse", LIST, [], LIST, function () {
    return celList(Array.from(this).reverse());
  }),
  celMethod("sort", LIST, [], LIST, function () {
    return celList(Array.from(this).sort(compareCel));
  }),
  celMethod("first", LIST, [], DYN, function () {
    return this.size > 0 ? some(this.get(0) as CelValue) : NONE;
  }),
  celMethod("last", LIST, [], DYN, function () {
    return this.size > 0 ? some(this.get(this.size - 1) as CelValue) : NONE;
  }),
  func("lists.range", 1, (n) => {
    if (typeof n !== "bigint" || n < 0n || n > BigInt(MAX_LIST_SIZE))
      throw new Error(`lists.range needs an int from 0 to ${MAX_LIST_SIZE}`);
    return celList(Array.from({ length: Number(n) }, (_, i) => BigInt(i)));
  }),
];
