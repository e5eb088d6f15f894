/** Reading fieldsV1: every key form, and what a manager's set covers of a value. */

import { describe, expect, it } from "vitest";
import { itemNode, readManagedFields, restrictTo } from "../../src/drift/managed-fields.js";

const object = (managedFields: unknown) => ({ metadata: { managedFields } });

describe("managedFields", () => {
  it("reads managers, operations, subresources and times, and skips malformed entries", () => {
    const entries = readManagedFields(
      object([
        { manager: "kubectl-edit", operation: "Update", time: "2026-01-01T00:00:00Z", fieldsV1: { "f:spec": {} } },
        {
          manager: "kube-controller-manager",
          operation: "Update",
          subresource: "scale",
          fieldsV1: { "f:spec": { "f:replicas": {} } },
        },
        { manager: 42, fieldsV1: {} },
        { manager: "no-fields" },
        "garbage",
      ]),
    );
    expect(entries.map((e) => [e.manager, e.operation, e.subresource, e.time])).toEqual([
      ["kubectl-edit", "Update", undefined, "2026-01-01T00:00:00Z"],
      ["kube-controller-manager", "Update", "scale", undefined],
    ]);
    expect(readManagedFields({})).toEqual([]);
  });

  it("finds list items by key, by value and by position", () => {
    const [entry] = readManagedFields(
      object([
        {
          manager: "m",
          fieldsV1: {
            "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:name": {} } },
            "f:finalizers": { 'v:"kubernetes.io/pv-protection"': {} },
            "f:args": { "i:1": {} },
            "f:bad": { "k:{not json": {} },
          },
        },
      ]),
    );
    const fields = entry?.root.fields;
    const ports = fields?.get("ports");
    expect(ports && itemNode(ports, { containerPort: 80, protocol: "TCP", name: "http" }, 5)?.owned).toBe(true);
    expect(ports && itemNode(ports, { containerPort: 80, protocol: "UDP" }, 0)).toBeUndefined();
    const finalizers = fields?.get("finalizers");
    expect(finalizers && itemNode(finalizers, "kubernetes.io/pv-protection", 0)).toBeDefined();
    const args = fields?.get("args");
    expect(args && itemNode(args, "--x", 1)).toBeDefined();
    expect(args && itemNode(args, "--x", 0)).toBeUndefined();
    expect(fields?.get("bad")?.keyed).toBeUndefined();
  });

  it("restricts a value to what the manager set", () => {
    const [entry] = readManagedFields(
      object([
        {
          manager: "kubectl-set",
          fieldsV1: { "f:env": { 'k:{"name":"B"}': { ".": {}, "f:name": {}, "f:value": {} } }, "f:image": {} },
        },
      ]),
    );
    const value = {
      image: "x:1",
      imagePullPolicy: "Always",
      env: [
        { name: "A", value: "1" },
        { name: "B", value: "2", extra: true },
      ],
    };
    expect(restrictTo(value, entry?.root ?? { owned: false })).toEqual({ image: "x:1", env: [{ name: "B", value: "2" }] });
  });
});
