import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CheckResult } from "../check.js";
import { STDIN_NAME } from "../manifests/load.js";
import type { SarifSources } from "../report/sarif.js";
import { documentTarget } from "../report/sarif-check.js";

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
  return { text: (file) => texts.get(file), target: documentTarget };
}

async function readSmallText(file: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(file);
    return bytes.length > MAX_SOURCE_BYTES ? undefined : bytes.toString("utf8");
  } catch {
    return undefined;
  }
}
