import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { Severity } from "../findings/finding.js";
import { createLocator } from "../manifests/locate.js";
import type { RuleSetting } from "../rules/engine.js";
import { findRule } from "../rules/registry.js";
import { EMPTY_CONFIG, type PlumblineConfig } from "./config.js";
import { CONFIG_SCHEMA } from "./schema.js";

export const CONFIG_PATH = path.join(".github", "plumbline.yml");

/** A configuration file that cannot be used: says which file, line and key. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

const validate = new Ajv({ allErrors: true, strict: true }).compile(CONFIG_SCHEMA);

/** Parses and validates configuration text. An empty file is the default configuration. */
export function parseConfig(text: string, file: string): PlumblineConfig {
  const lineCounter = new LineCounter();
  // YAML 1.2 on purpose: `cpu-limit-set: off` must stay the string "off", not become false
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(file, line, col, syntax.message.split("\n")[0] ?? "invalid YAML");
  }
  if (document.contents === null) return EMPTY_CONFIG;
  const locate = createLocator(document, document.contents, lineCounter);
  const fail = (pointer: string, detail: string): never => {
    const { line, column } = locate(pointer);
    throw new ConfigError(file, line, column, detail);
  };
  if (!isMap(document.contents)) fail("", "the configuration must be a mapping of keys");
  const raw = document.toJS() as Record<string, unknown>;
  if (!validate(raw)) fail(...describe(validate.errors?.[0]));

  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries((raw.rules ?? {}) as Record<string, unknown>)) {
    if (!findRule(id)) fail(`/rules/${id}`, `rules.${id}: no rule has this id (see docs/rules/)`);
    rules[id] = toRuleSetting(setting);
  }
  const external = (raw.external ?? {}) as PlumblineConfig["external"];
  return {
    ignore: (raw.ignore as string[] | undefined) ?? [],
    rules,
    external: { namespaces: external.namespaces ?? [], resources: external.resources ?? [] },
    ...(typeof raw.kubernetesVersion === "string" ? { kubernetesVersion: raw.kubernetesVersion.replace(/^v/, "") } : {}),
    ...(raw.failOn ? { failOn: raw.failOn as Severity } : {}),
    ...(raw.drift ? { drift: raw.drift as Record<string, unknown> } : {}),
  };
}

function toRuleSetting(setting: unknown): RuleSetting {
  if (setting === "off" || setting === false) return { enabled: false };
  if (setting === "on" || setting === true) return { enabled: true };
  if (typeof setting === "string") return { severity: setting as Severity };
  return setting as RuleSetting;
}

function describe(error: ErrorObject | undefined): [string, string] {
  if (!error) return ["", "invalid configuration"];
  const key = error.instancePath.slice(1).replaceAll("/", ".") || "(top level)";
  if (error.keyword === "additionalProperties") {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return [`${error.instancePath}/${extra}`, `${key === "(top level)" ? "" : `${key}.`}${extra}: unknown key`];
  }
  if (error.instancePath === "/kubernetesVersion") {
    return [
      error.instancePath,
      `kubernetesVersion: must be a quoted version such as "1.31" (unquoted, 1.30 reads as the number 1.3)`,
    ];
  }
  return [error.instancePath, `${key}: ${error.message ?? "invalid"}`];
}

/** The repository root above `from`: the nearest directory holding `.git`, else `from` itself. */
export function repositoryRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/** Reads `--config FILE`, or `.github/plumbline.yml` at the repository root when it exists. */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string,
): Promise<{ config: PlumblineConfig; file?: string; root: string }> {
  const root = repositoryRoot(cwd);
  const file = explicit ? path.resolve(cwd, explicit) : path.join(root, CONFIG_PATH);
  if (!explicit && !existsSync(file)) return { config: EMPTY_CONFIG, root };
  const display = path.relative(cwd, file) || file;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(display, 1, 1, `cannot be read: ${error.code ?? error.message}`);
  });
  return { config: parseConfig(text, display), file, root };
}
