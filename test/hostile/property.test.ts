/**
 * Fuzzing the loader and every rule with text built from YAML's sharp edges (anchors, aliases, merge
 * keys, tags, quotes across lines, flow collections, document markers, tabs, CRs, `{{ }}`,
 * `__proto__`): whatever the text, the answer is resources and problems, never an exception, and
 * each case stays within a time budget. The seed is fixed so a failure reproduces.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { runRules } from "../../src/rules/engine.js";
import { INPUT_RULES, RULES } from "../../src/rules/registry.js";
import { cpuMilliseconds } from "./budget.js";

const HEADS = [
  "apiVersion: apps/v1\nkind: Deployment\n",
  "apiVersion: v1\nkind: Service\n",
  "apiVersion: v1\nkind: ConfigMap\n",
  "apiVersion: v1\nkind: Secret\n",
  "apiVersion: policy/v1\nkind: PodDisruptionBudget\n",
  "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n",
  "apiVersion: v1\nkind: List\nitems:\n",
  "apiVersion: networking.k8s.io/v1\nkind: Ingress\n",
];

const FRAGMENTS = [
  "metadata:\n  name: web\n",
  "metadata: {name: web, namespace: shop, labels: {app: web}}\n",
  "spec:\n  replicas: 3\n",
  "spec:\n  selector:\n    matchLabels: &labels {app: web}\n  template:\n    metadata:\n      labels: *labels\n",
  "spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n",
  "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n",
  "data:\n  a: &x value\n  b: *x\n  <<: {c: d}\n",
  'data:\n  key: "first\n  second"\n',
  "data:\n  key: 'one\n  two'\n",
  "data:\n  __proto__: {a: 1}\n  constructor: x\n",
  "data:\n  a: 1\n  a: 2\n",
  "spec: !!map {a: !!str 1}\n",
  "spec: [1, {a: [2, {b: 3}]}, *missing]\n",
  "  replicas: {{ .Values.replicas }}\n",
  '  description: "{{ $labels.instance }} down"\n',
  "---\n",
  "...\n",
  "\t- tab\n",
  "\r",
  "\r\n",
  "key: [unclosed\n",
  "? complex\n: key\n",
  "&a a: *a\n",
  "%YAML 1.2\n---\n",
  "# comment {{ x }}\n",
  "x: |\n  block\n   more\n",
  "x: >-\n  folded\n",
  '"quoted": "\\u00e9\\x"\n',
];

const text = fc
  .tuple(
    fc.constantFrom(...HEADS),
    fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 12 }),
  )
  .map(([head, parts]) => head + parts.join(""));

const RULE_IDS = new Set([...RULES, ...INPUT_RULES].map((rule) => rule.id));

describe("loader and rules on generated YAML", () => {
  it("answer with findings, never an exception, within a per-case budget", () => {
    fc.assert(
      fc.property(text, (source) => {
        const used = cpuMilliseconds(() => {
          const parsed = parseManifestText(source, "fuzz.yaml", FILES_SCOPE);
          const findings = runRules({ ...parsed, files: ["fuzz.yaml"] }, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION });
          for (const finding of findings) {
            expect(RULE_IDS.has(finding.rule)).toBe(true);
            expect(finding.line).toBeGreaterThanOrEqual(1);
          }
        });
        expect(used).toBeLessThan(1_000);
      }),
      { numRuns: 400, seed: 20_261_202 },
    );
  });
});
