import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "selector-mismatch";

function workload(kind: string, selector: string, labels: string, apiVersion = "apps/v1"): string {
  return yaml`
    apiVersion: ${apiVersion}
    kind: ${kind}
    metadata:
      name: web
    spec:
      selector: ${selector}
      template:
        metadata:
          labels: ${labels}
        spec:
          containers: [{ name: web, image: app:1 }]
  `;
}

describe(RULE, () => {
  it("fires when a matchLabels entry differs, at that entry", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
            tier: front
        template:
          metadata:
            labels:
              app: web
              tier: back
          spec:
            containers: [{ name: web, image: app:1 }]
    `;
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "error",
      path: "/spec/selector/matchLabels/tier",
      ...positionOf(text, "tier: front"),
    });
    expect(findings[0]?.message).toBe(
      "selector requires tier=front but the pod template has tier=back; the API server rejects the Deployment",
    );
  });

  it("fires when the template has no labels at all", () => {
    const [finding] = findingsOf(RULE, workload("StatefulSet", "{ matchLabels: { app: web } }", "null"));
    expect(finding?.message).toContain("the pod template has no app label");
  });

  it.each([
    ["{ matchExpressions: [{ key: app, operator: In, values: [web, api] }] }", "{ app: api }"],
    ["{ matchExpressions: [{ key: env, operator: NotIn, values: [dev] }] }", "{ env: prod }"],
    ["{ matchExpressions: [{ key: env, operator: NotIn, values: [dev] }] }", "{ app: web }"],
    ["{ matchExpressions: [{ key: app, operator: Exists }] }", "{ app: web }"],
    ["{ matchExpressions: [{ key: canary, operator: DoesNotExist }] }", "{ app: web }"],
    [
      "{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [front] }] }",
      "{ app: web, tier: front, x: y }",
    ],
  ])("stays silent when %s selects %s", (selector, labels) => {
    expect(findingsOf(RULE, workload("Deployment", selector, labels))).toEqual([]);
  });

  it.each([
    ["{ matchExpressions: [{ key: app, operator: In, values: [web] }] }", "{ app: api }", "app in (web)"],
    ["{ matchExpressions: [{ key: env, operator: NotIn, values: [prod] }] }", "{ env: prod }", "env notin (prod)"],
    ["{ matchExpressions: [{ key: app, operator: Exists }] }", "{ name: web }", "requires app but"],
    ["{ matchExpressions: [{ key: canary, operator: DoesNotExist }] }", "{ canary: 'true' }", "!canary"],
  ])("fires when %s does not select %s", (selector, labels, spelled) => {
    const [finding] = findingsOf(RULE, workload("DaemonSet", selector, labels));
    expect(finding?.path).toBe("/spec/selector/matchExpressions/0");
    expect(finding?.message).toContain(spelled);
  });

  it("fires on a missing selector in apps/v1 and an empty one anywhere but Jobs", () => {
    const missing = yaml`
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: { name: rs }
      spec:
        template:
          metadata: { labels: { app: rs } }
          spec:
            containers: [{ name: rs, image: rs:1 }]
    `;
    const [finding] = findingsOf(RULE, missing);
    expect(finding?.message).toBe("ReplicaSet has no spec.selector, which apps/v1 requires");
    expect(finding).toMatchObject(positionOf(missing, "spec:"));
    expect(findingsOf(RULE, missing.replace("apps/v1", "extensions/v1beta1"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "{}", "{ app: web }"))[0]?.message).toContain("empty selector");
  });

  it("checks Jobs with a selector, and leaves generated Job selectors alone", () => {
    expect(findingsOf(RULE, workload("Job", "{ matchLabels: { job: a } }", "{ job: b }", "batch/v1"))).toHaveLength(1);
    const generated = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: j }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: j, image: j:1 }]
    `;
    expect(findingsOf(RULE, generated)).toEqual([]);
  });

  it("honours kube-linter's opt-out for the same check", () => {
    const text = workload("Deployment", "{ matchLabels: { app: web } }", "{ app: api }");
    expect(findingsOf(RULE, text)).toHaveLength(1);
    const waived = text.replace(
      "  name: web",
      '  name: web\n  annotations: { "ignore-check.kube-linter.io/mismatching-selector": "x" }',
    );
    expect(findingsOf(RULE, waived)).toEqual([]);
  });

  it("stays silent on malformed selectors, which fail for other reasons", () => {
    expect(
      findingsOf(RULE, workload("Deployment", "{ matchExpressions: [{ key: a, operator: Equals, values: [b] }] }", "{}")),
    ).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "app=web", "{ app: web }"))).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's and kube-score's fixtures", () => {
    const linter = findingsOf(RULE, corpusFile("kube-linter/tests/checks/mismatching-selector.yml"));
    // app2 is an OpenShift DeploymentConfig, whose plain-map selector is read too
    expect(linter.map((f) => f.resource.name)).toEqual(["app1", "app2"]);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/statefulset-different-labels.yaml"))).toHaveLength(1);
  });
});
