import { methods } from "./opaque.js";
import { compareQuantities } from "./quantity.js";
import { compareSemvers } from "./semver.js";

/** isLessThan, isGreaterThan and compareTo: one name each, for Quantity and Semver alike. */
const byKind = (name: string, outcome: (c: number) => boolean | bigint) =>
  methods(name, 1, {
    Quantity: (a, b) => outcome(compareQuantities(a, b, name)),
    Semver: (a, b) => outcome(compareSemvers(a, b, name)),
  });

export const COMPARISON_FUNCS = [
  byKind("isLessThan", (c) => c < 0),
  byKind("isGreaterThan", (c) => c > 0),
  byKind("compareTo", (c) => BigInt(c)),
];
