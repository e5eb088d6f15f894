import { Ajv, type ValidateFunction } from "ajv";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { Severity } from "../findings/finding.js";
import { formatVersion, parseKubeVersion } from "../k8s/versions.js";
import { createLocator } from "../manifests/locate.js";
import type { LocateExpression } from "../policy/custom-rules-config.js";
import { readCustomRules } from "../policy/custom-rules-sync.js";
import { expressionLocator } from "../policy/expression-source.js";
import { ALL_RULES, findRule } from "../rules/registry.js";
import { EMPTY_CONFIG } from "./config.js";
import { ConfigError, type ConfigProblem, closest, describeSchemaError, escapePointer } from "./errors.js";
import { CONFIG_SCHEMA } from "./schema.js";
import type { ConfigFile, PlumblineConfig, RuleSetting } from "./types.js";

// verbose: errors carry the offending value and the schema around it, for messages that name both.
// strictRequired off: `not: { required: [x] }` ("must not have x") is an idiom it misreads.
// Compiled on first use, not at import: a run without a configuration file never pays for it.
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction =>
  (compiled ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true }).compile(CONFIG_SCHEMA));

type Locate = (pointer: string) => { line: number; column: number };

/** Parses and validates configuration text. An empty file (or only comments) is the default configuration. */
export function parseConfig(text: string, file: string): PlumblineConfig {
  const read = readConfigText(text, file);
  return "config" in read ? read.config : toConfig(read.raw, file, read.locate, read.locateExpression);
}

/**
 * `parseConfig` for the CLI: CEL (a third of its code) is loaded only when `rules.custom` has rules
 * to compile, so a run without them never reads it.
 */
export async function parseConfigLazily(text: string, file: string): Promise<PlumblineConfig> {
  const read = readConfigText(text, file);
  if ("config" in read) return read.config;
  const custom = (read.raw as ConfigFile | null)?.rules?.custom;
  const reader =
    Array.isArray(custom) && custom.length > 0
      ? (await import("../policy/custom-rules-config.js")).readCustomRules
      : noCustomRules;
  return toConfig(read.raw, file, read.locate, read.locateExpression, reader);
}

/** The reader when `rules.custom` is absent or empty: nothing to compile. */
const noCustomRules: CustomRulesReader = () => [];

type CustomRulesReader = (...args: Parameters<typeof readCustomRules>) => ReturnType<typeof readCustomRules>;

/** The text as YAML, with its locators; or the configuration itself when the file is empty. */
function readConfigText(
  text: string,
  file: string,
): { config: PlumblineConfig } | { raw: unknown; locate: Locate; locateExpression: LocateExpression } {
  const lineCounter = new LineCounter();
  // YAML 1.2 on purpose: `image-tag-latest: off` must stay the string "off", not become false
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(file, line, col, syntax.message.split("\n")[0] ?? "invalid YAML");
  }
  if (document.contents === null) return { config: EMPTY_CONFIG };
  const locator = createLocator(document, document.contents, lineCounter);
  if (!isMap(document.contents)) fail(file, locator, { pointer: "", detail: "the configuration must be a mapping of keys" });
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    fail(file, locator, { pointer: "", detail: `cannot be read: ${(error as Error).message}` });
  }
  return { raw, locate: locator, locateExpression: expressionLocator(text, document, lineCounter) };
}

/**
 * Validates a configuration that is already an object (Probot's `context.config`, a test): the
 * same checks as `parseConfig`, with errors that name the key but no line.
 */
export function configFromObject(raw: unknown, file: string): PlumblineConfig {
  if (raw === null || raw === undefined) return EMPTY_CONFIG;
  return toConfig(raw, file, () => ({ line: 0, column: 0 }));
}

function toConfig(
  value: unknown,
  file: string,
  locate: Locate,
  locateExpression: LocateExpression = () => undefined,
  readCustom: CustomRulesReader = readCustomRules,
): PlumblineConfig {
  const raw = withoutEmptySections(value);
  const validate = validator();
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map(describeSchemaError).filter((p) => p !== undefined);
    fail(file, locate, firstInText(problems, locate) ?? { pointer: "", detail: "invalid configuration" });
  }
  const rules: Record<string, RuleSetting> = {};
  const { custom, ...settings } = raw.rules ?? {};
  for (const [id, setting] of Object.entries(settings)) {
    if (!findRule(id)) {
      const suggestion = closest(
        id,
        ALL_RULES.map((rule) => rule.id),
      );
      const hint = suggestion ? `did you mean ${suggestion}?` : "see docs/rules/ for the list";
      fail(file, locate, { pointer: `/rules/${escapePointer(id)}`, detail: `rules.${id}: no rule has this id (${hint})` });
    }
    rules[id] = toRuleSetting(setting);
  }
  const builtInIds = new Set(ALL_RULES.map((rule) => rule.id));
  const customRules = readCustom(
    (custom ?? []) as Parameters<typeof readCustomRules>[0],
    file,
    locate,
    locateExpression,
    builtInIds,
  );
  const version = raw.kubernetesVersion === undefined ? undefined : parseKubeVersion(raw.kubernetesVersion);
  return {
    ignore: (raw.ignore ?? []).map(normalizeGlob),
    rules,
    ...(customRules.length > 0 ? { customRules } : {}),
    external: { namespaces: raw.external?.namespaces ?? [], resources: raw.external?.resources ?? [] },
    ...(version ? { kubernetesVersion: formatVersion(version) } : {}),
    ...(raw.failOn ? { failOn: raw.failOn } : {}),
    ...(raw.scopes ? { scopes: raw.scopes } : {}),
    ...(raw.admissionPolicies ? { admissionPolicies: raw.admissionPolicies.map((p, i) => insideRoot(p, i, file, locate)) } : {}),
    ...(raw.kustomize?.remoteHosts ? { kustomize: { remoteHosts: raw.kustomize.remoteHosts } } : {}),
    ...(raw.drift ? { drift: raw.drift } : {}),
    ...(raw.helm ? { helm: raw.helm } : {}),
  };
}

/** `rules:` with every entry commented out is null in YAML; it means "none", not a type error. */
function withoutEmptySections(value: unknown): ConfigFile {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value as ConfigFile;
  return Object.fromEntries(Object.entries(value).filter(([, section]) => section !== null)) as ConfigFile;
}

function toRuleSetting(setting: unknown): RuleSetting {
  if (setting === "off" || setting === false) return { enabled: false };
  if (setting === "on" || setting === true) return { enabled: true };
  if (typeof setting === "string") return { severity: setting as Severity };
  return setting as RuleSetting;
}

/**
 * Globs are matched against paths relative to the repository root, which never start with `./`
 * or `/`; a trailing `/` means "everything under this directory", as in .gitignore.
 */
function normalizeGlob(glob: string): string {
  const trimmed = glob
    .trim()
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "");
  return trimmed === "" || trimmed.endsWith("/") ? `${trimmed}**` : trimmed;
}

/**
 * The problem the reader meets first going down the file, so fixing them top to bottom works;
 * at one place, the most specific one.
 */
function firstInText(problems: readonly ConfigProblem[], locate: Locate): ConfigProblem | undefined {
  const order = (problem: ConfigProblem) => {
    const { line, column } = locate(problem.pointer);
    return [line, column, problem.rank ?? 0];
  };
  let first: { problem: ConfigProblem; key: number[] } | undefined;
  for (const problem of problems) {
    const key = order(problem);
    if (!first || compareKeys(key, first.key) < 0) first = { problem, key };
  }
  return first?.problem;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** A path the configuration names is read from the checkout: never from outside it. */
function insideRoot(entry: string, index: number, file: string, locate: Locate): string {
  const normalized = entry.replace(/^(\.\/)+/, "");
  if (normalized.startsWith("/") || /^[a-zA-Z]:/.test(normalized) || normalized.split(/[\\/]/).includes("..")) {
    fail(file, locate, {
      pointer: `/admissionPolicies/${index}`,
      detail: `admissionPolicies[${index}]: ${entry} must be a path inside the repository`,
    });
  }
  return normalized;
}

function fail(file: string, locate: Locate, problem: ConfigProblem): never {
  const { line, column } = locate(problem.pointer);
  throw new ConfigError(file, line, column, problem.detail);
}
