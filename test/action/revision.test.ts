import { describe, expect, it } from "vitest";
import { treeFilter } from "../../action/revision.js";

describe("treeFilter (what the API fallback downloads)", () => {
  const entries = [
    { path: "deploy/web.yaml", mode: "100644", type: "blob", sha: "1", size: 10 },
    { path: "deploy/link.yaml", mode: "120000", type: "blob", sha: "2", size: 10 },
    { path: "deploy/README.md", mode: "100644", type: "blob", sha: "3", size: 10 },
    { path: "deploy/kust/kustomization.yaml", mode: "100644", type: "blob", sha: "4", size: 10 },
    { path: "deploy/kust/config.env", mode: "100644", type: "blob", sha: "5", size: 10 },
    { path: "other/x.yml", mode: "100644", type: "blob", sha: "6", size: 10 },
    { path: "deploy/huge.yaml", mode: "100644", type: "blob", sha: "7", size: 50 * 1024 * 1024 },
    { path: "deploy", mode: "040000", type: "tree", sha: "8" },
  ];

  it("takes manifests and Kustomize inputs under the paths, never symlinks or huge files", () => {
    expect(treeFilter(entries, ["deploy/"]).map((e) => e.path)).toEqual([
      "deploy/web.yaml",
      "deploy/kust/kustomization.yaml",
      "deploy/kust/config.env",
    ]);
    expect(treeFilter(entries, ["."]).map((e) => e.path)).toContain("other/x.yml");
    expect(treeFilter(entries, ["other/x.yml"]).map((e) => e.path)).toEqual(["other/x.yml"]);
  });
});
