/**
 * The copy of a chart that helm renders: never the chart in place. Only files inside the chart are
 * copied (a symbolic link out of it is left behind, as the loader's walk does everywhere, so `.Files.Get`
 * can never put a file from outside the repository into a finding), and each template gets its line
 * markers (instrument.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { walkTree } from "../manifests/walk.js";
import { instrumentTemplate } from "./instrument.js";

export interface Workspace {
  /** the copied chart directory */
  readonly chart: string;
  /** the temporary directory around it, removed by `dispose` */
  readonly root: string;
  readonly nonce: string;
  dispose(): Promise<void>;
}

/** Files of a chart larger than this are not copied: helm reads what it needs, a chart is small. */
const MAX_FILE = 16 * 1024 * 1024;

export async function copyChart(chartDir: string, markers: boolean): Promise<Workspace> {
  const root = await mkdtemp(path.join(tmpdir(), "plumbline-helm-"));
  const nonce = randomBytes(4).toString("hex");
  const chart = path.join(root, path.basename(chartDir) || "chart");
  try {
    const walked = await walkTree(chartDir);
    for (const relative of walked.files) {
      const from = path.join(chartDir, relative);
      const to = path.join(chart, relative);
      const content = await readFile(from).catch(() => undefined);
      if (content === undefined || content.length > MAX_FILE) continue;
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, markers && isTemplate(relative) ? instrumentTemplate(content.toString("utf8"), nonce) : content);
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { chart, root, nonce, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** A manifest template of this chart or a vendored subchart (not a partial, not NOTES.txt). */
function isTemplate(relative: string): boolean {
  const parts = relative.split(path.sep);
  const at = parts.lastIndexOf("templates");
  if (at < 0 || (at > 0 && parts[at - 2] !== "charts" && at !== 0)) return false;
  const name = parts.at(-1) ?? "";
  return !name.startsWith("_") && /\.ya?ml$/i.test(name);
}
