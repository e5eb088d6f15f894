import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { validateAgainstSchema } from "../../src/k8s/schema.js";
import { NEWER_FIELDS } from "../../src/k8s/schema-fields.js";
import { hasModel, modelKeys } from "../../src/k8s/schema-models.js";
import type { KubeObject } from "../../src/manifests/resource.js";

const require = createRequire(import.meta.url);

/** Every class kubernetes-models exports with a static apiVersion and kind, as `apiVersion/kind`. */
function modelsInPackage(): string[] {
  const exports = (require("kubernetes-models/package.json") as { exports: Record<string, unknown> }).exports;
  const keys: string[] = [];
  for (const entry of Object.keys(exports)) {
    const groupVersion = /^\.\/(.+\/v[0-9a-z]+|v1)$/.exec(entry)?.[1];
    if (!groupVersion) continue;
    const module = require(`kubernetes-models/${groupVersion}`) as Record<string, { apiVersion?: string; kind?: string }>;
    for (const [name, model] of Object.entries(module)) {
      if (name.startsWith("IoK8s") || !model?.kind || !model.apiVersion || model.kind.endsWith("List")) continue;
      keys.push(`${model.apiVersion}/${model.kind}`);
    }
  }
  return keys.sort();
}

/** The field names a kubernetes-models validator looks up on an object of its type. */
function declaredBy(module: string, type: string): Set<string> {
  const model = (require(`kubernetes-models/${module}`) as Record<string, { prototype: { validate(): void } }>)[type];
  const seen = new Set<string>();
  const probe = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (typeof key === "string") seen.add(key);
        return undefined;
      },
    },
  );
  try {
    model?.prototype.validate.call(probe);
  } catch {
    // missing required fields: only the look-ups matter
  }
  return seen;
}

const problems = (object: KubeObject) => validateAgainstSchema(object)?.map((p) => `${p.kind} ${p.path}: ${p.message}`);

describe("schema models", () => {
  it("lists exactly the kinds kubernetes-models has classes for", () => {
    expect([...modelKeys()].sort()).toEqual(modelsInPackage());
    expect(hasModel("apps/v1", "Deployment")).toBe(true);
    expect(hasModel("v1", "Pod")).toBe(true);
    expect(hasModel("apps/v1", "constructor")).toBe(false);
    expect(hasModel("example.com/v1", "Widget")).toBe(false);
  });

  const KUBERNETES_MODELS_MODULE: Record<string, string> = {
    PodSpec: "v1/PodSpec",
    Container: "v1/Container",
    EphemeralContainer: "v1/EphemeralContainer",
    EnvVarSource: "v1/EnvVarSource",
    VolumeProjection: "v1/VolumeProjection",
    CSIDriverSpec: "storage.k8s.io/v1/CSIDriverSpec",
  };

  it.each(NEWER_FIELDS.map((f) => [`${f.type}.${f.field}`, f] as const))(
    "%s is in the 1.36 API, missing from the compiled schema, and recognised by its sibling",
    async (_name, newer) => {
      const clientModel = `@kubernetes/client-node/dist/gen/models/V1${newer.type}.js`;
      const module = (await import(clientModel)) as Record<string, { attributeTypeMap: { baseName: string }[] }>;
      const api = new Set(module[`V1${newer.type}`]?.attributeTypeMap.map((a) => a.baseName));
      expect(api).toContain(newer.field);
      expect(api).toContain(newer.alongside);
      const compiled = declaredBy(KUBERNETES_MODELS_MODULE[newer.type] ?? "", newer.type);
      expect(compiled).toContain(newer.alongside);
      expect(compiled).not.toContain(newer.field);
    },
  );
});

describe("validateAgainstSchema", () => {
  it("returns undefined without a schema, and nothing for a valid object", () => {
    expect(validateAgainstSchema({ apiVersion: "example.com/v1", kind: "Widget" })).toBeUndefined();
    expect(validateAgainstSchema({ kind: "Pod" })).toBeUndefined();
    expect(
      problems({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "a" }] } }),
    ).toEqual([]);
  });

  it("never reports the keys of maps (labels, data, selectors) as unknown fields", () => {
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { "app.kubernetes.io/name": "x" } },
      data: { anything: "1" },
    };
    expect(problems(configMap)).toEqual([]);
  });

  it("reads CRD schemas: properties are a map, embedded JSON is free-form, x-kubernetes extensions are fields", () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        names: { kind: "Widget", plural: "widgets" },
        scope: "Namespaced",
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                description: "a widget",
                properties: {
                  spec: {
                    type: "object",
                    "x-kubernetes-preserve-unknown-fields": true,
                    default: { size: 1, nested: { free: "form" } },
                    properties: { size: { type: "integer", minimum: 0 } },
                  },
                },
              },
            },
          },
        ],
      },
    };
    expect(problems(crd)).toEqual([]);
  });

  it("reports unknown fields inside list items and nested objects, with the closest declared name", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namspace: "x" },
      spec: { containers: [{ name: "a", image: "a", securityContext: { runAsNonroot: true }, volumeMount: [] }] },
    };
    // in the order the validator meets them; findings are sorted by position later
    expect(problems(pod)?.sort()).toEqual([
      'unknown-field /metadata/namspace: metadata has no field "namspace"; did you mean "namespace"?',
      'unknown-field /spec/containers/0/securityContext/runAsNonroot: spec.containers[0].securityContext has no field "runAsNonroot"; did you mean "runAsNonRoot"?',
      'unknown-field /spec/containers/0/volumeMount: spec.containers[0] has no field "volumeMount"; did you mean "volumeMounts"?',
    ]);
  });

  it("merges the alternatives of int-or-string fields into one problem", () => {
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { ports: [{ port: 80, targetPort: true }] },
    };
    expect(problems(service)).toEqual([
      "type /spec/ports/0/targetPort: spec.ports[0].targetPort must be an integer or a string, not the boolean true",
    ]);
  });

  it("does not change the object it validates", () => {
    const object = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels: null },
      spec: { containers: [{ name: "a" }] },
    };
    const copy = structuredClone(object);
    validateAgainstSchema(object);
    expect(object).toEqual(copy);
  });
});
