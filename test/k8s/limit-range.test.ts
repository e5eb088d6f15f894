import { describe, expect, it } from "vitest";
import { containerDefaults } from "../../src/k8s/limit-range.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { Resource } from "../../src/manifests/resource.js";
import { yaml } from "../rules/helpers.js";

function resources(text: string): Resource[] {
  return parseManifestText(text, "a.yaml", "dir:.").resources;
}

const workload = (namespace?: string) =>
  resources(yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p${namespace ? `, namespace: ${namespace}` : ""} }
    spec: { containers: [{ name: a, image: a:1 }] }
  `)[0] as Resource;

describe("containerDefaults", () => {
  const ranges = resources(yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: { name: defaults, namespace: shop }
    spec:
      limits:
        - type: Container
          defaultRequest: { cpu: 100m }
          default: { memory: 256Mi }
        - type: Pod
          max: { cpu: "4" }
  `);

  it("collects requests from defaultRequest and default, limits from default", () => {
    const defaults = containerDefaults(ranges, workload("shop"));
    expect([...defaults.requests].sort()).toEqual(["cpu", "memory"]);
    expect([...defaults.limits]).toEqual(["memory"]);
  });

  it("applies only within the namespace, a missing one being default on either side", () => {
    expect(containerDefaults(ranges, workload("other")).requests.size).toBe(0);
    expect(containerDefaults(ranges, workload()).requests.size).toBe(0);
    const open = resources(yaml`
      apiVersion: v1
      kind: LimitRange
      metadata: { name: defaults }
      spec: { limits: [{ type: Container, defaultRequest: { cpu: 100m } }] }
    `);
    expect(containerDefaults(open, workload("shop")).requests.size).toBe(0);
    expect(containerDefaults(open, workload()).requests.size).toBe(1);
    expect(containerDefaults(open, workload("default")).requests.size).toBe(1);
  });

  it("ignores Pod and PVC limits, and malformed ones", () => {
    const odd = resources(yaml`
      apiVersion: v1
      kind: LimitRange
      metadata: { name: odd }
      spec:
        limits:
          - type: PersistentVolumeClaim
            default: { storage: 1Gi }
          - "nonsense"
    `);
    expect(containerDefaults(odd, workload()).requests.size).toBe(0);
  });
});
