import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CheckResult } from "../check.js";
import type { Finding } from "../findings/finding.js";
import { FILES_SCOPE, STDIN_NAME } from "../manifests/load.js";
import type { Resource } from "../manifests/resource.js";
import type { SarifSources } from "../report/sarif.js";

/** Beyond this a file gets no line hash, region end or fix in SARIF (the loader would have skipped it). */
const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/**
 * The texts of the files the findings are in, read once after the check, for SARIF's line hashes,
 * regions and fixes. A file that cannot be read or is binary has none: its results keep a start only.
 */
export async function readSarifSources(
  result: CheckResult,
  where: { readonly cwd: string; readonly stdin: () => Promise<string> },
): Promise<SarifSources> {
  const files = new Set([...result.findings, ...(result.suppressed ?? []).map((s) => s.finding)].map((f) => f.file));
  const texts = new Map<string, string>();
  await Promise.all(
    [...files].map(async (file) => {
      const text = file === STDIN_NAME ? await where.stdin() : await readSmallText(path.resolve(where.cwd, file));
      if (text !== undefined && !text.includes("\u0000")) texts.set(file, text);
    }),
  );
  return { text: (file) => texts.get(file), target: (finding) => targetOf(finding, result.manifests.resources) };
}

async function readSmallText(file: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(file);
    return bytes.length > MAX_SOURCE_BYTES ? undefined : bytes.toString("utf8");
  } catch {
    return undefined;
  }
}

/** The document a finding's fix edits: only an object read as written, never a rendering. */
function targetOf(finding: Finding, resources: readonly Resource[]) {
  if (!finding.fix) return undefined;
  const resource = resources.find(
    (candidate) =>
      candidate.scope === FILES_SCOPE &&
      candidate.renderedBy === undefined &&
      candidate.source.file === finding.file &&
      candidate.apiVersion === finding.resource.apiVersion &&
      candidate.kind === finding.resource.kind &&
      candidate.name === finding.resource.name &&
      (candidate.namespace ?? null) === finding.resource.namespace,
  );
  if (!resource) return undefined;
  const { documentIndex, listIndex } = resource.source;
  return { documentIndex, ...(listIndex !== undefined ? { listIndex } : {}) };
}
