import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { gitFrom, liveFrom } from "./helpers.js";

const git = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { mode: blue }
`;
const live = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: { mode: "green" } };

describe("drift of a rendered object", () => {
  it("is marked rendered when the loader says a tool rendered it (Kustomize, Helm), and only then", () => {
    const plain = gitFrom(git, "base/settings.yaml");
    const rendered = plain.map((resource) => ({ ...resource, renderedBy: { tool: "helm", root: "charts/shop" } as const }));
    const [asWritten] = detectDrift(plain, liveFrom([live])).drifts;
    const [fromChart] = detectDrift(rendered, liveFrom([live])).drifts;
    expect(asWritten).toMatchObject({ status: "modified" });
    expect(asWritten?.rendered).toBeUndefined();
    expect(fromChart).toMatchObject({ status: "modified", rendered: true, file: "base/settings.yaml", documentIndex: 0 });
  });
});
