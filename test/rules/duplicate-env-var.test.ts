import { describe, expect, it } from "vitest";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "duplicate-env-var";

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: p }
  spec:
    containers:
      - name: app
        image: app:1.0
        env:
          - name: PORT
            value: "8080"
          - name: HOST
            value: localhost
          - name: PORT
            value: "9090"
`;

describe(RULE, () => {
  it("fires once per duplicated name, at the entry that wins", () => {
    const findings = findingsOf(RULE, pod);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/containers/0/env/2/name",
      ...positionOf(pod, "name: PORT", 2),
    });
    expect(findings[0]?.message).toBe(
      'container "app" sets PORT 2 times (env entries 1, 3); only the last, "9090", takes effect: remove the others',
    );
  });

  it("fixes by removing the earlier entries, which keeps the value the pod runs with", () => {
    const fixed = applyFix(pod, findingsOf(RULE, pod)[0]?.fix) as { spec: { containers: { env: unknown[] }[] } };
    expect(fixed.spec.containers[0]?.env).toEqual([
      { name: "HOST", value: "localhost" },
      { name: "PORT", value: "9090" },
    ]);
  });

  it("removes every earlier copy, last index first", () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: app
            image: app:1.0
            env:
              - { name: A, value: "1" }
              - { name: B, value: "x" }
              - { name: A, value: "2" }
              - { name: A, valueFrom: { secretKeyRef: { name: s, key: a } } }
    `;
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toContain("sets A 3 times (env entries 1, 3, 4); only the last, its valueFrom reference");
    const fixed = applyFix(text, finding?.fix) as { spec: { containers: { env: { name: string }[] }[] } };
    expect(fixed.spec.containers[0]?.env.map((e) => e.name)).toEqual(["B", "A"]);
  });

  it("offers no fix when another entry expands the name, since it reads the earlier value", () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: app
            image: app:1.0
            env:
              - { name: HOST, value: db }
              - { name: URL, value: "postgres://$(HOST)/app" }
              - { name: HOST, value: cache }
    `;
    const [finding] = findingsOf(RULE, text);
    expect(finding).toBeDefined();
    expect(finding?.fix).toBeUndefined();
  });

  it("stays silent for distinct names, names in different containers, and envFrom overrides", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            initContainers:
              - name: migrate
                image: app:1.0
                env: [{ name: PORT, value: "1" }]
            containers:
              - name: app
                image: app:1.0
                envFrom: [{ configMapRef: { name: cfg } }]
                env: [{ name: PORT, value: "2" }, { name: port, value: "3" }]
    `;
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("checks init containers and every workload kind", () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: nightly }
      spec:
        schedule: "0 0 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                initContainers:
                  - name: prepare
                    image: task:1
                    env: [{ name: X, value: a }, { name: X, value: b }]
                containers: [{ name: task, image: task:1 }]
    `;
    expect(findingsOf(RULE, text)[0]?.message).toMatch(/^init container "prepare" sets X 2 times/);
  });

  it("honours kube-score's and kube-linter's opt-outs", () => {
    const waived = pod.replace(
      "metadata: { name: p }",
      'metadata: { name: p, annotations: { kube-score/ignore: "environment-variable-key-duplication" } }',
    );
    expect(findingsOf(RULE, waived)).toEqual([]);
    const linter = pod.replace(
      "metadata: { name: p }",
      'metadata: { name: p, annotations: { ignore-check.kube-linter.io/duplicate-env-var: "ok" } }',
    );
    expect(findingsOf(RULE, linter)).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's and kube-score's fixtures", () => {
    const linter = findingsOf(RULE, corpusFile("kube-linter/tests/checks/duplicate-env-var.yaml"));
    expect(linter.map((f) => f.message.split(" sets")[0])).toEqual(['container "fire-deployment"', 'container "fire-stateful"']);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/pod-env-duplicated.yaml"))).toHaveLength(2);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/pod-env-ok.yaml"))).toEqual([]);
  });
});
