import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadManifests } from "../../src/manifests/load.js";
import { hasKubectl } from "../support/kubectl.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("Kustomize directories", () => {
  it.runIf(hasKubectl)("renders the overlay and points findings at the patch that set the value", async () => {
    const { findings, manifests } = await check(["examples/kustomize"], { cwd: repo });
    // the base is rendered through the overlay only, and its raw files and patches are not linted on their own
    expect(manifests.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual(["Deployment/search/search"]);
    const finding = findings.find((f) => f.rule === "memory-limit-below-request");
    expect(finding).toMatchObject({
      file: "examples/kustomize/overlays/production/more-memory.yaml",
      line: 13,
      resource: { kind: "Deployment", namespace: "search", name: "search" },
    });
  });

  it.runIf(hasKubectl)("points fields the overlay did not touch at the base", async () => {
    const { manifests } = await loadManifests(["examples/kustomize"], { cwd: repo }).then((set) => ({ manifests: set }));
    const search = manifests.resources[0];
    expect(search?.source.locate("/spec/replicas")).toEqual({
      file: "examples/kustomize/base/deployment.yaml",
      line: 6,
      column: 3,
    });
  });

  it("without kubectl gives one clear problem instead of crashing", async () => {
    const set = await loadManifests(["examples/kustomize"], { cwd: repo, kubectl: "/nonexistent/kubectl" });
    expect(set.resources).toEqual([]);
    expect(set.problems).toEqual([
      expect.objectContaining({ kind: "not-rendered", file: "examples/kustomize/overlays/production/kustomization.yaml" }),
    ]);
    expect(set.problems[0]?.message).toContain("kubectl");
  });
});
