import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { hasKubectl } from "../support/kubectl.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("Resource.renderedBy", () => {
  it.runIf(hasKubectl)("names Kustomize and the kustomization's directory for a rendered object", async () => {
    const set = await loadManifests(["examples/kustomize"], { cwd: repo });
    expect(set.resources.map((r) => [r.kind, r.renderedBy])).toEqual([
      ["Deployment", { tool: "kustomize", root: "examples/kustomize/overlays/production" }],
    ]);
  });

  it("is absent for an object read as written", async () => {
    const set = await loadManifests(["examples/kustomize/base/deployment.yaml"], { cwd: repo });
    expect(set.resources).toHaveLength(1);
    expect(set.resources[0]?.renderedBy).toBeUndefined();
  });
});
