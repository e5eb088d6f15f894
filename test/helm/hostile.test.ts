/** Charts from a pull request are untrusted: nothing outside the repository is read, nothing hangs or throws. */
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const helm = helmBinary();

async function chartWith(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "plumbline-helm-hostile-"));
  for (const [file, text] of Object.entries({ "chart/Chart.yaml": "apiVersion: v2\nname: evil\nversion: 1.0.0\n", ...files })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe.skipIf(!helm.dir)("hostile charts", () => {
  it("never let .Files.Get read a file outside the chart through a link", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "plumbline-outside-"));
    await writeFile(path.join(outside, "secret.txt"), "TOP-SECRET-VALUE");
    const root = await chartWith({
      "chart/templates/cm.yaml":
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  stolen: {{ .Files.Get "files/secret.txt" | quote }}\n',
    });
    await mkdir(path.join(root, "chart/files"));
    await symlink(path.join(outside, "secret.txt"), path.join(root, "chart/files/secret.txt"));
    const { manifests, findings } = await withHelmOnPath(() => check(["chart"], { cwd: root, root }));
    expect(JSON.stringify(manifests.resources.map((r) => r.object))).not.toContain("TOP-SECRET-VALUE");
    expect(JSON.stringify(findings)).not.toContain("TOP-SECRET-VALUE");
  }, 60_000);

  it("refuse a configured values file that links outside the repository", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "plumbline-outside-"));
    await writeFile(path.join(outside, "values.yaml"), "password: TOP-SECRET-VALUE\n");
    const root = await chartWith({ "chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" });
    await symlink(path.join(outside, "values.yaml"), path.join(root, "chart/values-linked.yaml"));
    const config = parseConfig("helm:\n  charts:\n    - path: chart\n      values: [values-linked.yaml]\n", "plumbline.yml");
    const { findings } = await withHelmOnPath(() => check(["chart"], { cwd: root, root, config }));
    // the walk's own notice for the link, and the value set's
    expect(findings.map((f) => f.rule)).toEqual(["file-skipped", "file-skipped"]);
    expect(
      findings.some((f) => f.message.includes("values-prod") || f.message.includes("a link that leads outside the repository")),
    ).toBe(true);
    expect(JSON.stringify(findings)).not.toContain("TOP-SECRET-VALUE");
  }, 60_000);

  it("turn a template error into one finding, never an exception", async () => {
    const root = await chartWith({
      "chart/templates/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.x.y }\n",
    });
    const { findings } = await withHelmOnPath(() => check(["chart"], { cwd: root, root }));
    expect(findings.map((f) => [f.rule, f.file])).toEqual([["helm-render-failed", path.join("chart", "Chart.yaml")]]);
    expect(findings[0]?.message).toContain("evil/templates/bad.yaml:4");
  }, 60_000);
});

if (!helm.dir)
  describe("hostile charts", () => {
    it("need the packaged helm", (context) => context.skip(helm.missing));
  });
