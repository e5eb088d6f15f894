import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

/**
 * The dependency rule of DEVELOPERS.md: the core (src/) never reaches a door nor GitHub. Only
 * src/github/, the door-side forge adapter, may import Octokit, and it imports no door itself; no
 * core module imports src/github/ (the doors do).
 */

interface SourceFile {
  /** relative to the repository root, `/`-separated */
  readonly file: string;
  readonly text: string;
}

const FORGE_PACKAGES = /^(@octokit\/|@actions\/|probot$|probot\/|@probot\/)/;
// static imports and re-exports, side-effect imports, dynamic import() and require()
const SPECIFIERS = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

function specifiers(text: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] as string));
}

/** Where a relative specifier lands, relative to the root; a package name stays as it is. */
function target(file: string, specifier: string): string {
  return specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : specifier;
}

const under = (file: string, dir: string) => file.startsWith(`${dir}/`);

function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    if (!under(file, "src")) continue;
    const adapter = under(file, "src/github");
    for (const specifier of specifiers(text)) {
      const to = target(file, specifier);
      const door = under(to, "action") || under(to, "bot");
      const forbidden = adapter ? door : door || under(to, "src/github") || FORGE_PACKAGES.test(to);
      if (forbidden) found.push(`${file} imports ${specifier}`);
    }
  }
  return found;
}

function sources(dir: string): SourceFile[] {
  return readdirSync(path.join(repoRoot(), dir), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mts|cts|js|mjs)$/.test(name))
    .map((name) => {
      const file = path.posix.join(dir, name.split(path.sep).join("/"));
      return { file, text: readFileSync(path.join(repoRoot(), file), "utf8") };
    });
}

describe("the core's imports", () => {
  it("reach no door, no GitHub package and not src/github/; src/github/ reaches no door", () => {
    const files = sources("src");
    expect(files.some((source) => under(source.file, "src/github"))).toBe(true);
    expect(violations(files)).toEqual([]);
  });

  it("catch each kind of forbidden import", () => {
    const cases: SourceFile[] = [
      { file: "src/rules/a.ts", text: 'import { x } from "../../action/inputs.js";' },
      { file: "src/rules/b.ts", text: 'export * from "../../bot/main.js";' },
      { file: "src/report/c.ts", text: 'const m = await import("../github/client.js");' },
      { file: "src/report/d.ts", text: 'import type { Octokit } from "@octokit/core";' },
      { file: "src/cli/e.ts", text: 'import * as core from "@actions/core";' },
      { file: "src/cli/f.ts", text: 'import { Probot } from "probot";' },
      { file: "src/github/g.ts", text: 'import { x } from "../../bot/github/octokit.js";' },
    ];
    expect(violations(cases)).toEqual(cases.map(({ file, text }) => `${file} imports ${specifiers(text)[0]}`));
  });

  it("allow what the rule allows", () => {
    const allowed: SourceFile[] = [
      {
        file: "src/github/a.ts",
        text: 'import { retry } from "@octokit/plugin-retry";\nimport { x } from "../forge/platform.js";',
      },
      { file: "src/review/b.ts", text: 'import type { CheckReport } from "../forge/platform.js";' },
      { file: "src/cli/c.ts", text: 'import { y } from "../github-like/helpers.js";\nimport { z } from "probotics";' },
      { file: "action/d.ts", text: 'import { z } from "../src/github/client.js";' },
    ];
    expect(violations(allowed)).toEqual([]);
  });
});
