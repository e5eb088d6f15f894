import type { ChangedFile } from "./changed-file.js";
import { parseHunks } from "./hunks.js";

const STATUS_LINES: readonly [RegExp, ChangedFile["status"]][] = [
  [/^new file mode /, "added"],
  [/^deleted file mode /, "removed"],
  [/^rename from /, "renamed"],
  [/^copy from /, "copied"],
];

/** Splits `git diff` output into files: path from the `+++`/`---`/rename lines, hunks from the rest. */
export function parseGitDiff(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const lines = section.split("\n");
    const firstHunk = lines.findIndex((line) => line.startsWith("@@"));
    const header = firstHunk === -1 ? lines : lines.slice(0, firstHunk);
    let status: ChangedFile["status"] = "modified";
    for (const [pattern, value] of STATUS_LINES) if (header.some((line) => pattern.test(line))) status = value;
    const newPath = fileName(header, "+++ ", "rename to ") ?? fileName(header, "copy to ");
    const oldPath = fileName(header, "--- ", "rename from ") ?? fileName(header, "copy from ");
    const filePath = newPath ?? oldPath ?? pathFromDiffLine(lines[0] ?? "");
    if (!filePath) continue;
    files.push({
      path: filePath,
      status,
      ...((status === "renamed" || status === "copied") && oldPath ? { previousPath: oldPath } : {}),
      hunks: firstHunk === -1 ? [] : parseHunks(lines.slice(firstHunk).join("\n")),
    });
  }
  return files;
}

function fileName(header: readonly string[], ...prefixes: string[]): string | undefined {
  for (const prefix of prefixes) {
    const line = header.find((candidate) => candidate.startsWith(prefix));
    if (!line) continue;
    const name = unquote(line.slice(prefix.length).replace(/\t$/, ""));
    if (name === "/dev/null") continue;
    // `+++ b/path` and `--- a/path` carry git's side prefix; rename lines do not
    return prefix.length === 4 ? name.replace(/^[ab]\//, "") : name;
  }
  return undefined;
}

/** `a/x b/x` on the `diff --git` line: only needed for mode-only changes without ---/+++ lines. */
function pathFromDiffLine(line: string): string | undefined {
  const match = /^a\/(.+) b\/\1$/.exec(line.trim());
  return match?.[1];
}

/** Git C-quotes names with control characters or quotes even with core.quotePath=false. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  try {
    const bytes: number[] = [];
    const body = name.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const char = body[i] as string;
      if (char !== "\\") {
        bytes.push(...Buffer.from(char, "utf8"));
        continue;
      }
      const next = body[++i] as string;
      if (/[0-7]/.test(next)) {
        bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
        i += 2;
      } else
        bytes.push(({ n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? 0);
    }
    return Buffer.from(bytes).toString("utf8");
  } catch {
    return name;
  }
}
