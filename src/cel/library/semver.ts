import type { CelValue } from "@bufbuild/cel";
import { expect as expectKind, func, methods, opaque, str } from "./opaque.js";

/**
 * The Kubernetes semver library: `semver(s)`, `semver(s, normalize)`, `isSemver`, major/minor/patch and
 * comparison by semver.org precedence (build metadata ignored). Strict parsing is semver.org's own
 * grammar, as github.com/blang/semver applies it.
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly string[];
}

function parse(text: string, normalize: boolean): Version | undefined {
  const source = normalize ? normalized(text) : text;
  const match = source === undefined ? null : SEMVER.exec(source);
  if (!match) return undefined;
  return {
    major: BigInt(match[1] ?? 0),
    minor: BigInt(match[2] ?? 0),
    patch: BigInt(match[3] ?? 0),
    pre: match[4] ? match[4].split(".") : [],
  };
}

/** Kubernetes' normalisation: no leading `v`, missing minor/patch as 0, no leading zeros. */
function normalized(text: string): string | undefined {
  const all = text.replace(/^v/, "").split(".");
  const parts = all.length > 3 ? [...all.slice(0, 2), all.slice(2).join(".")] : all;
  const trimmed = parts.map((part) => {
    if (part.length <= 1) return part;
    const rest = part.replace(/^0+/, "");
    return /^\d/.test(rest) ? rest : `0${rest}`;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1] ?? "")) return undefined;
    while (trimmed.length < 3) trimmed.push("0");
  }
  return trimmed.join(".");
}

function compareVersions(a: Version, b: Version): number {
  for (const key of ["major", "minor", "patch"] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xNum !== yNum) return xNum ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function toValue(text: string, normalize: boolean): CelValue {
  const version = parse(text, normalize);
  if (!version) throw new Error(`invalid semantic version: ${text}`);
  return opaque("Semver", normalize ? (normalized(text) ?? text) : text);
}

function fromValue(value: CelValue, name: string): Version {
  const version = parse(String(expectKind(value, "Semver", name)), false);
  if (!version) throw new Error(`invalid semantic version`);
  return version;
}

export function compareSemvers(a: CelValue, b: CelValue, name: string): number {
  return compareVersions(fromValue(a, name), fromValue(b, name));
}

export const SEMVER_FUNCS = [
  func("semver", 1, (text) => toValue(str(text, "semver"), false)),
  func("semver", 2, (text, normalize) => toValue(str(text, "semver"), normalize === true)),
  func("isSemver", 1, (text) => parse(str(text, "isSemver"), false) !== undefined),
  func("isSemver", 2, (text, normalize) => parse(str(text, "isSemver"), normalize === true) !== undefined),
  methods("major", 0, { Semver: (v) => fromValue(v, "major").major }),
  methods("minor", 0, { Semver: (v) => fromValue(v, "minor").minor }),
  methods("patch", 0, { Semver: (v) => fromValue(v, "patch").patch }),
];
