import { execFileSync } from "node:child_process";
import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/edit/line-diff.js";
import type { Finding } from "../../src/findings/finding.js";
import { fixFiles, planFixes } from "../../src/fix/index.js";
import { type JsonReport, run, tempTree } from "../cli/helpers.js";
import { checkText, linesAFixMayTouch, newFindings, READ_ME, REPOSITORY, readObjects, rewrittenLines, yaml } from "./helpers.js";

/** Every file under `dir` with its text, by relative path. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.parentPath.includes(`${path.sep}.git`)) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file, "utf8"));
  }
  return files;
}

async function report(cwd: string, argv: string[]): Promise<{ findings: Finding[]; code: number; stderr: string }> {
  const result = await run(cwd, ["check", ...argv, "--format", "json"]);
  return {
    findings: (JSON.parse(result.stdout) as JsonReport).findings as unknown as Finding[],
    code: result.code,
    stderr: result.stderr,
  };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: "pipe" });
}

/**
 * The round trip: `--fix`, then check again. The fixed findings are gone, none appeared, files without
 * fixes are byte-identical, and in the others every line a fix had no reason to touch is still there.
 */
async function expectRoundTrip(dir: string, paths: string[], { unsafe = true } = {}) {
  const before = await snapshot(dir);
  const checked = await report(dir, paths);
  const fixable = checked.findings.filter((finding) => finding.fix && (unsafe || finding.fixApplicability === "safe"));
  expect(fixable.length).toBeGreaterThan(0);

  const flags = unsafe ? ["--fix", "--unsafe-fixes"] : ["--fix"];
  const fixedRun = await run(dir, ["check", ...paths, ...flags, "--format", "json"]);
  const after = await snapshot(dir);
  const rechecked = await report(dir, paths);
  expect((JSON.parse(fixedRun.stdout) as JsonReport).findings).toEqual(rechecked.findings);

  const skipped = new Set(
    [...fixedRun.stderr.matchAll(/^ {2}(\S+):(\d+):\d+ (\S+): /gm)].map(([, file, line, rule]) => `${file}:${line}:${rule}`),
  );
  const fixed = fixable.filter((finding) => !skipped.has(`${finding.file}:${finding.line}:${finding.rule}`));
  expect(fixed.length).toBeGreaterThan(0);
  const remaining = new Set(rechecked.findings.map((finding) => finding.fingerprint));
  for (const finding of fixed)
    expect(remaining.has(finding.fingerprint), `${finding.rule} at ${finding.file}:${finding.line}`).toBe(false);
  expect(newFindings(checked.findings, rechecked.findings)).toEqual([]);

  for (const [file, text] of before) {
    const now = after.get(file) as string;
    if (!fixed.some((finding) => path.normalize(finding.file) === path.normalize(file))) {
      expect(now, `${file} has no fix and must not change`).toBe(text);
      continue;
    }
    expect(now, `${file} has fixes`).not.toBe(text);
    const mayTouch = linesAFixMayTouch(text, readObjects(now));
    for (const line of rewrittenLines(diffLines(text, now))) expect(mayTouch, `${file}:${line}`).toContain(line);
    for (const comment of text.split("\n").filter((line) => /^\s*#/.test(line))) expect(now.split("\n")).toContain(comment);
  }
  return { fixedRun, before, after };
}

const MANIFESTS = yaml`
  # Everything the web tier needs.
  # Keep the documents in this order: namespace first.
  apiVersion: v1
  kind: Namespace
  metadata:
    name: web
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: web
    labels: &labels
      app: web
  spec:
    replicas: 3 # three zones
    selector:
      matchLabels: *labels
    template:
      metadata:
        labels: *labels
      spec:
        containers:
          - name: app
            image: "ghcr.io/example/web:1.4.2"
            ports: [{ containerPort: 8080, name: http }]
            env:
              - name: MODE
                value: 'blue'
              - name: MODE
                value: 'green'   # the one that counts
            resources:
              requests: { cpu: 100m, memory: 128Mi }
              limits: { memory: 128Mi }
            readinessProbe: { httpGet: { path: /ready, port: http } }
            livenessProbe: { httpGet: { path: /healthz, port: http } }
  ---
  # legacy, from the 1.15 days
  apiVersion: policy/v1beta1
  kind: PodDisruptionBudget
  metadata:
    name: web
    namespace: web
  spec:
    minAvailable: 2
    selector:
      matchLabels:
        app: web
  ...
  ---
  apiVersion: v1
  kind: Service
  metadata: { name: web, namespace: web }
  spec:
    selector: { app: web }
    ports: [{ port: 80, targetPort: http }]
`;

describe("plumbline check --fix", () => {
  it("fixes hand-written manifests in place: comments, quoting, anchors and the other documents kept", async () => {
    const dir = await tempTree({ "web.yaml": MANIFESTS });
    const { fixedRun, after } = await expectRoundTrip(dir, ["web.yaml"]);
    const text = after.get("web.yaml") as string;
    expect(text).toContain("  labels: &labels\n    app: web\n");
    expect(text).toContain("            - name: MODE\n              value: 'green'   # the one that counts\n");
    expect(text).not.toContain("'blue'");
    expect(text).toContain("      app: web\n...\n---\napiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: web }\n");
    expect(text).toContain("# legacy, from the 1.15 days\napiVersion: policy/v1\n");
    expect(fixedRun.stderr).toMatch(/^plumbline: fixed \d+ findings in 1 file\n {2}web\.yaml: /);
    expect(await readdir(dir)).toEqual(["web.yaml"]);
  });

  it("fixes a copy of examples/ and leaves the Kustomize overlay to its base, saying so", async () => {
    const dir = await tempTree({});
    await cp(path.join(REPOSITORY, "examples"), dir, { recursive: true });
    const { fixedRun, before, after } = await expectRoundTrip(dir, ["."]);
    expect(fixedRun.stderr).toMatch(
      /^ {2}kustomize\/overlays\/production\/more-memory\.yaml:\d+:\d+ root-filesystem-writable: the object is rendered by Kustomize: fix the base or patch it comes from$/m,
    );
    for (const file of [...before.keys()].filter((name) => name.startsWith("kustomize")))
      expect(after.get(file)).toBe(before.get(file));
    expect(after.get(path.join("shop", "legacy", "ingress.yaml"))).toContain("apiVersion: networking.k8s.io/v1\n");
  });

  it("keeps CRLF line ends and a missing last line break", async () => {
    const pdb =
      "apiVersion: policy/v1beta1\r\nkind: PodDisruptionBudget\r\nmetadata:\r\n  name: web\r\nspec:\r\n  minAvailable: 1\r\n  selector:\r\n    matchLabels:\r\n      app: web";
    const dir = await tempTree({ "pdb.yaml": pdb });
    await run(dir, ["check", "pdb.yaml", "--fix"]);
    expect(await readFile(path.join(dir, "pdb.yaml"), "utf8")).toBe(pdb.replace("policy/v1beta1", "policy/v1"));
  });

  it("prints the report of what is left, and exits by it", async () => {
    const pdb = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
    `;
    const dir = await tempTree({ "pdb.yaml": pdb });
    const before = await run(dir, ["check", "pdb.yaml", "--fail-on", "error"]);
    expect(before.code).toBe(1);
    const fixed = await run(dir, ["check", "pdb.yaml", "--fix", "--fail-on", "error"]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).not.toContain("api-removed");
    expect(fixed.stderr).toBe("plumbline: fixed 1 finding in 1 file\n  pdb.yaml: api-removed\n");
  });

  it("fixes nothing whose rule the configuration switches off, nor files it ignores, nor objects that opt out", async () => {
    const pdb = (name: string, annotations = "") => yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: ${name}${annotations} }
      spec: { minAvailable: 1, selector: { matchLabels: { app: ${name} } } }
    `;
    const files = {
      ".git/HEAD": "ref: refs/heads/main\n",
      ".github/plumbline.yml": "ignore:\n  - vendor/**\n",
      "vendor/pdb.yaml": pdb("vendored"),
      "app/pdb.yaml": pdb("app"),
      "app/waived.yaml": pdb("waived", ", annotations: { plumbline.dev/ignore: api-removed }"),
    };
    const dir = await tempTree(files);
    await run(dir, ["check", ".", "--fix"]);
    expect(await readFile(path.join(dir, "vendor/pdb.yaml"), "utf8")).toBe(files["vendor/pdb.yaml"]);
    expect(await readFile(path.join(dir, "app/waived.yaml"), "utf8")).toBe(files["app/waived.yaml"]);
    expect(await readFile(path.join(dir, "app/pdb.yaml"), "utf8")).toContain("apiVersion: policy/v1\n");

    const off = await tempTree({ ...files, ".github/plumbline.yml": "rules:\n  api-removed: off\n" });
    const result = await run(off, ["check", "app", "--fix"]);
    expect(result.stderr).toBe("plumbline: nothing to fix\n");
    expect(await readFile(path.join(off, "app/pdb.yaml"), "utf8")).toBe(files["app/pdb.yaml"]);
  });
});

describe("plumbline check --fix --dry-run", () => {
  it("writes nothing and prints a diff that git applies", async () => {
    const dir = await tempTree({});
    await cp(path.join(REPOSITORY, "examples"), dir, { recursive: true });
    await writeFile(path.join(dir, "web.yaml"), MANIFESTS);
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    const before = await snapshot(dir);
    const times = await Promise.all([...before.keys()].map(async (file) => (await stat(path.join(dir, file))).mtimeMs));

    const result = await run(dir, ["check", ".", "--fix", "--dry-run"]);
    expect(await snapshot(dir)).toEqual(before);
    expect(await Promise.all([...before.keys()].map(async (file) => (await stat(path.join(dir, file))).mtimeMs))).toEqual(times);
    // the safe fixes only: the legacy Ingress's move comes first (live/shop.yaml has unsafe ones only)
    expect(result.stdout).toMatch(/^--- a\/shop\/legacy\/ingress\.yaml\n\+\+\+ b\/shop\/legacy\/ingress\.yaml\n@@ /);
    expect(result.stderr).toMatch(/^plumbline: would fix \d+ findings in \d+ files \(dry run: nothing written\)\n/);
    // the exit code is the check's: nothing was changed
    expect(result.code).toBe((await run(dir, ["check", "."])).code);

    await writeFile(path.join(dir, "..", `${path.basename(dir)}.diff`), result.stdout);
    git(dir, "apply", "--check", path.join("..", `${path.basename(dir)}.diff`));
    git(dir, "apply", path.join("..", `${path.basename(dir)}.diff`));
    // applying the diff is the same as fixing
    const applied = await snapshot(dir);
    const fixedDir = await tempTree({});
    await cp(path.join(REPOSITORY, "examples"), fixedDir, { recursive: true });
    await writeFile(path.join(fixedDir, "web.yaml"), MANIFESTS);
    await run(fixedDir, ["check", ".", "--fix"]);
    expect(applied).toEqual(await snapshot(fixedDir));
  });

  it("diffs what comes in on stdin, which --fix alone cannot change", async () => {
    const dir = await tempTree({});
    const pdb = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
    `;
    const dry = await run(dir, ["check", "-", "--fix", "--dry-run"], { stdin: pdb });
    expect(dry.stdout).toBe(
      "--- a/<stdin>\n+++ b/<stdin>\n@@ -1,4 +1,4 @@\n-apiVersion: policy/v1beta1\n+apiVersion: policy/v1\n kind: PodDisruptionBudget\n metadata: { name: web }\n spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }\n",
    );
    const inPlace = await run(dir, ["check", "-", "--fix"], { stdin: pdb });
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toMatch(
      /^plumbline: --fix cannot change what comes in on stdin: add --dry-run to print the diff instead\n/,
    );
  });

  it("is a usage error without --fix, or with a report format", async () => {
    const dir = await tempTree({ "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" });
    const alone = await run(dir, ["check", "a.yaml", "--dry-run"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^plumbline: --dry-run only goes with --fix\n/);
    const json = await run(dir, ["check", "a.yaml", "--fix", "--dry-run", "-f", "json"]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--dry-run prints a diff instead of the report/);
  });

  it("says so when there is nothing to fix, and prints an empty diff", async () => {
    const dir = await tempTree({ "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" });
    const result = await run(dir, ["check", "a.yaml", "--fix", "--dry-run"]);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("plumbline: nothing to fix (dry run)\n");
  });

  it("documents both flags in the help", async () => {
    const help = await run(REPOSITORY, ["check", "--help"]);
    expect(help.stdout).toMatch(/--fix {2,}\S/);
    expect(help.stdout).toMatch(/--dry-run {2,}with --fix/);
    expect(READ_ME()).toMatch(/`--fix`/);
    expect(READ_ME()).toMatch(/`--dry-run`/);
  });
});

describe("fixFiles", () => {
  it("leaves a file it cannot read again alone, and names the problem", async () => {
    const dir = await tempTree({});
    const { findings, resources } = checkText(MANIFESTS, { file: "gone.yaml" });
    const outcome = await fixFiles(planFixes(findings, resources), { cwd: dir, dryRun: false });
    expect(outcome.fixed).toEqual([]);
    expect(outcome.diff).toBe("");
    expect(new Set(outcome.skipped.map((skip) => skip.reason))).toEqual(new Set(["the file cannot be read again (ENOENT)"]));
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("plumbline check --fix: safe and unsafe fixes", () => {
  // a stock database image runs as root and writes to its root filesystem: the security fixes would stop it
  const DATABASE = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: { name: db }
    spec:
      serviceName: db
      selector: { matchLabels: { app: db } }
      template:
        metadata: { labels: { app: db } }
        spec:
          containers:
            - name: postgres
              image: postgres:16.4
    ---
    apiVersion: policy/v1beta1
    kind: PodDisruptionBudget
    metadata: { name: db }
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: db } } }
  `;

  it("makes only the safe fixes and says how many unsafe ones it held back", async () => {
    const dir = await tempTree({ "db.yaml": DATABASE });
    const { findings } = await report(dir, ["db.yaml"]);
    const unsafe = findings.filter((finding) => finding.fixApplicability === "unsafe");
    expect(unsafe.map((finding) => finding.rule).sort()).toEqual([
      "privilege-escalation-allowed",
      "root-filesystem-writable",
      "run-as-root",
    ]);
    expect(findings.find((finding) => finding.rule === "api-removed")?.fixApplicability).toBe("safe");

    const result = await run(dir, ["check", "db.yaml", "--fix"]);
    const text = await readFile(path.join(dir, "db.yaml"), "utf8");
    expect(text).toContain("apiVersion: policy/v1\n");
    expect(text).not.toContain("securityContext");
    expect(result.stderr).toBe(
      "plumbline: fixed 1 finding in 1 file\n  db.yaml: api-removed\nplumbline: 3 unsafe fixes held back (privilege-escalation-allowed, root-filesystem-writable, run-as-root): they can change how a workload runs or stop it starting; review them and apply with --unsafe-fixes\n",
    );
  });

  it("makes the unsafe ones too with --unsafe-fixes", async () => {
    const dir = await tempTree({ "db.yaml": DATABASE });
    const result = await run(dir, ["check", "db.yaml", "--fix", "--unsafe-fixes"]);
    const [statefulSet] = readObjects(await readFile(path.join(dir, "db.yaml"), "utf8")) as Array<{
      spec: { template: { spec: { containers: Array<{ securityContext?: unknown }> } } };
    }>;
    expect(statefulSet?.spec.template.spec.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
    expect(result.stderr).not.toContain("held back");
  });

  it("is a usage error without --fix, and is documented in the help and the README", async () => {
    const dir = await tempTree({ "db.yaml": DATABASE });
    const alone = await run(dir, ["check", "db.yaml", "--unsafe-fixes"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^plumbline: --unsafe-fixes only goes with --fix\n/);
    const help = await run(REPOSITORY, ["check", "--help"]);
    expect(help.stdout).toMatch(/--unsafe-fixes {2,}with --fix/);
    expect(READ_ME()).toMatch(/`--unsafe-fixes`/);
  });
});
