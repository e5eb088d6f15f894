import type { Operation } from "fast-json-patch";
import { parseAllDocuments } from "yaml";
import { applyPatchToYaml, type EditOptions, type EditTarget } from "../../src/edit/index.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

/** Lines joined with `\n`, ending with one: keeps expected YAML readable in tests. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** The edited text of document 0 (or `target`). */
export function edit(
  text: string,
  ops: Operation[],
  options: EditOptions = {},
  target: EditTarget = { documentIndex: 0 },
): string {
  return applyPatchToYaml(text, target, ops, options).text;
}

/** Every document of a text, read the way kubectl reads it. */
export function readAll(text: string): unknown[] {
  return parseAllDocuments(text, KUBE_YAML).map((document) => document.toJS());
}
