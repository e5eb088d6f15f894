import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KubeObject, Resource } from "../../src/manifests/resource.js";
import { RULES } from "../../src/rules/registry.js";
import { lint, lintSet, yaml } from "./helpers.js";

const KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "Secret", "PodDisruptionBudget"];

function resource(kind: string, object: KubeObject, index: number): Resource {
  return {
    apiVersion: typeof object.apiVersion === "string" ? object.apiVersion : "apps/v1",
    kind,
    name: "x",
    object: { ...object, kind },
    scope: "fuzz",
    source: { file: "fuzz.yaml", documentIndex: index, locate: () => ({ line: 1, column: 1 }) },
  };
}

/** Shapes a manifest can take when someone gets it wrong: right keys, wrong types, at every level. */
const junk = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.string()),
);
const container = fc.record(
  {
    name: fc.oneof(fc.string(), junk),
    image: fc.oneof(fc.constantFrom("app:1", "app", "app:latest"), junk),
    env: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.string(), junk), value: fc.oneof(fc.string(), junk) })), junk),
    resources: fc.oneof(fc.record({ requests: fc.oneof(fc.dictionary(fc.constantFrom("cpu", "memory"), junk), junk) }), junk),
    securityContext: fc.oneof(fc.record({ runAsUser: junk, privileged: junk, capabilities: junk }), junk),
    livenessProbe: junk,
    readinessProbe: fc.oneof(fc.dictionary(fc.string(), junk), junk),
  },
  { requiredKeys: [] },
);
const podSpec = fc.record(
  { containers: fc.oneof(fc.array(fc.oneof(container, junk)), junk), initContainers: junk, securityContext: junk, os: junk },
  { requiredKeys: [] },
);
const manifest = fc.record(
  {
    apiVersion: fc.constantFrom("apps/v1", "v1", "policy/v1beta1", "batch/v1beta1"),
    metadata: fc.oneof(fc.record({ name: junk, annotations: junk, labels: junk }, { requiredKeys: [] }), junk),
    spec: fc.oneof(
      fc.record(
        { selector: junk, template: fc.oneof(fc.record({ metadata: junk, spec: podSpec }, { requiredKeys: [] }), junk) },
        { requiredKeys: [] },
      ),
      podSpec,
      junk,
    ),
    data: junk,
    stringData: junk,
  },
  { requiredKeys: ["apiVersion"] },
);

describe("every rule on malformed objects", () => {
  it("returns findings instead of throwing, whatever the shape", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KINDS), manifest), { minLength: 1, maxLength: 4 }), (items) => {
        const resources = items.map(([kind, object], index) => resource(kind, object as KubeObject, index));
        const findings = lintSet({ resources, problems: [], files: ["fuzz.yaml"] });
        for (const finding of findings) expect(RULES.map((rule) => rule.id)).toContain(finding.rule);
      }),
      { numRuns: 300 },
    );
  });

  it("survives a manifest whose every field is the wrong type", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: []
      spec:
        selector: "app=web"
        template:
          metadata: { labels: [a] }
          spec:
            securityContext: "root"
            containers:
              - "just a string"
              - name: 7
                env: { DB_PASSWORD: hunter2 }
                resources: { requests: 2 }
                securityContext: [privileged]
                livenessProbe: yes
    `;
    expect(() => lint(text)).not.toThrow();
  });
});

describe("kinds that collide with JavaScript object properties", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("treats kind %s as an unknown kind", (kind) => {
    const text = yaml`
      apiVersion: example.com/v1
      kind: ${kind}
      metadata: { name: x }
      spec: { containers: [{ name: a, image: "a" }], template: { spec: { containers: [{ name: b, image: "b" }] } } }
    `;
    expect(lint(text)).toEqual([]);
  });
});
