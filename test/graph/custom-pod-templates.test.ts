import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/graph.js";
import { customPodTemplateLabels } from "../../src/graph/workloads.js";
import { parseManifestText } from "../../src/manifests/parse.js";

const load = (text: string) => parseManifestText(text, "g.yaml", "files").resources;

const resources = load(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, track: stable}}
    spec: {containers: [{name: web, image: "web:1"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1"}]}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec: {template: "not a pod template"}
`);

describe("custom pod templates", () => {
  const graph = buildGraph(resources);
  const selector = (labels: Record<string, string>) => ({ matchLabels: labels, matchExpressions: [] });

  it("reads the pod labels of objects that are not modelled workloads", () => {
    const [rollout, deployment, widget] = resources;
    expect(rollout && customPodTemplateLabels(rollout)).toEqual({ app: "web", track: "stable" });
    expect(deployment && customPodTemplateLabels(deployment)).toBeUndefined();
    expect(widget && customPodTemplateLabels(widget)).toBeUndefined();
  });

  it("finds the custom resources whose pods a selector picks, in its namespace only", () => {
    expect(graph.customPodTemplatesSelectedBy("shop", selector({ app: "web" })).map((r) => r.name)).toEqual(["web"]);
    expect(graph.customPodTemplatesSelectedBy("shop", selector({ app: "api" }))).toEqual([]);
    expect(graph.customPodTemplatesSelectedBy("other", selector({ app: "web" }))).toEqual([]);
    expect(graph.workloadsSelectedBy("shop", selector({ app: "web" }))).toEqual([]);
  });
});
