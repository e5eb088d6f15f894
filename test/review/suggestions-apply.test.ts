import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { type CheckResult, check } from "../../src/check.js";
import { type ChangePlan, type HeadTexts, type InlineComment, parseGitDiff, planChange } from "../../src/review/index.js";
import { run, tempTree } from "../cli/helpers.js";

/**
 * Every suggestion of one review, applied on top of the others with real `git apply`, as GitHub's
 * "Commit suggestions" batch does (each replaces the lines it was written against): none may
 * touch another's lines, the result must parse, and it must be what `plumbline check --fix
 * --unsafe-fixes` writes for the same file.
 */

const exec = promisify(execFile);
const FILE = "deploy/app.yaml";

// a Deployment whose container earns several fixes (securityContext fields among them), and a PDB on
// an API removed long ago: two objects, so two suggestions, each merging its object's fixes
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
          ports:
            - containerPort: 8080
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
`;

let dir: string;
let head: CheckResult;
let plan: ChangePlan;

async function git(...args: string[]): Promise<string> {
  const { stdout } = await exec("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir });
  return stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-suggestions-"));
  await git("init", "-q");
  await writeFile(path.join(dir, "README.md"), "manifests\n");
  await git("add", "-A");
  await git("commit", "-qm", "base");
  await mkdir(path.join(dir, "deploy"));
  await writeFile(path.join(dir, FILE), MANIFEST);
  await git("add", "-A");
  await git("commit", "-qm", "head");
  const changedFiles = parseGitDiff(await git("diff", "--no-color", "--unified=3", "HEAD~1", "HEAD"));
  head = await check(["deploy"], { cwd: dir, root: dir });
  const files: HeadTexts = {
    text: (file) => (file === FILE ? MANIFEST : undefined),
    lastLine: (file) => (file === FILE ? MANIFEST.split("\n").length - 1 : undefined),
  };
  plan = planChange({
    head,
    base: undefined,
    headFiles: files,
    changedFiles,
    revisions: { baseSha: "1".repeat(40), headSha: "2".repeat(40) },
    gate: { failOn: "error", onlyNew: true, source: "base", change: undefined },
    inline: { enabled: true, posted: new Set() },
    links: { file: () => "https://example.com/", run: undefined },
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One suggestion as a patch without context: `git apply` still checks every line it replaces. */
function patchOf(comment: InlineComment): string {
  const suggestion = comment.suggestion;
  if (!suggestion) throw new Error("no suggestion");
  const original = MANIFEST.split("\n").slice(suggestion.startLine - 1, suggestion.endLine);
  const count = (n: number) => (n === 1 ? "" : `,${n}`);
  const removedAt = original.length === 0 ? suggestion.startLine - 1 : suggestion.startLine;
  const addedAt = suggestion.lines.length === 0 ? suggestion.startLine - 1 : suggestion.startLine;
  return [
    `--- a/${comment.path}`,
    `+++ b/${comment.path}`,
    `@@ -${removedAt}${count(original.length)} +${addedAt}${count(suggestion.lines.length)} @@`,
    ...original.map((line) => `-${line}`),
    ...suggestion.lines.map((line) => `+${line}`),
    "",
  ].join("\n");
}

describe("a review's suggestions", () => {
  it("merge every fix of one object into one suggestion, labelled by its least safe fix", () => {
    const fixable = head.findings.filter((finding) => finding.fix);
    const withSuggestion = plan.inline.comments.filter((comment) => comment.suggestion);
    // one suggestion per object: the Deployment and the PodDisruptionBudget
    expect(withSuggestion).toHaveLength(2);
    const merged = withSuggestion.find((comment) => comment.fingerprints.length > 1);
    expect(merged, "the Deployment's fixes arrive as one suggestion").toBeDefined();
    expect(withSuggestion.flatMap((comment) => comment.fingerprints).sort()).toEqual(
      fixable.map((finding) => finding.fingerprint).sort(),
    );
    const unsafe = fixable.filter(
      (finding) => finding.fixApplicability !== "safe" && merged?.fingerprints.includes(finding.fingerprint),
    );
    expect(unsafe.length).toBeGreaterThan(0);
    for (const finding of unsafe) expect(merged?.body).toContain(`\`${finding.rule}\``);
    expect(merged?.body).toContain("Unsafe fix:");
    // no line carries two suggestions: GitHub would apply only one of them in a batch
    const lines = withSuggestion.flatMap((comment) => {
      const s = comment.suggestion;
      return s ? Array.from({ length: s.endLine - s.startLine + 1 }, (_, i) => s.startLine + i) : [];
    });
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("all apply with git apply, one on top of the other, into what --fix --unsafe-fixes writes", async () => {
    const suggestions = plan.inline.comments.filter((comment) => comment.suggestion);
    for (const [index, comment] of suggestions.entries()) {
      const patch = path.join(dir, `suggestion-${index}.patch`);
      await writeFile(patch, patchOf(comment));
      await git("apply", "--unidiff-zero", patch);
    }
    const applied = await readFile(path.join(dir, FILE), "utf8");
    expect(applied).not.toBe(MANIFEST);
    expect(parseAllDocuments(applied).every((document) => document.errors.length === 0)).toBe(true);

    const fixedDir = await tempTree({ [FILE]: MANIFEST });
    const fixed = await run(fixedDir, ["check", FILE, "--fix", "--unsafe-fixes"]);
    expect(fixed.stderr).not.toMatch(/not fixed|skipped/i);
    expect(applied).toBe(await readFile(path.join(fixedDir, FILE), "utf8"));
  });
});
