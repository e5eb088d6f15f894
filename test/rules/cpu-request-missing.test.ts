import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "cpu-request-missing";

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
        containers:
          - name: no-resources
            image: app:1.0
          - name: memory-only
            image: app:1.0
            resources:
              requests:
                memory: 128Mi
          - name: limit-only
            image: app:1.0
            resources:
              limits:
                cpu: 500m
          - name: requested
            image: app:1.0
            resources:
              requests: { cpu: "0.25" }
`;

describe(RULE, () => {
  const findings = findingsOf(RULE, text);

  it("fires for every container without a CPU request, init containers included, naming each", () => {
    expect(findings.map((f) => f.message)).toEqual([
      'init container "migrate" has no CPU request',
      'container "no-resources" has no CPU request',
      'container "memory-only" has no CPU request',
    ]);
  });

  it("points at the container when `resources` is absent, else at the deepest part that exists", () => {
    expect(findings[0]).toMatchObject(positionOf(text, "name: migrate"));
    expect(findings[1]).toMatchObject(positionOf(text, "name: no-resources"));
    expect(findings[2]).toMatchObject(positionOf(text, "requests:"));
    expect(findings[2]?.path).toBe("/spec/template/spec/containers/1/resources/requests/cpu");
  });

  it("stays silent when a limit implies the request, or the pod sets one for all containers", () => {
    expect(findings.some((f) => f.message.includes("limit-only"))).toBe(false);
    const podLevel = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        resources:
          requests: { cpu: "1" }
        containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, podLevel)).toEqual([]);
  });

  it("applies to Jobs too", () => {
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: j }
      spec:
        template:
          spec:
            containers: [{ name: task, image: t:1 }]
    `;
    expect(findingsOf(RULE, job)).toHaveLength(1);
  });

  it("honours the annotation on the pod template", () => {
    const annotated = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          metadata:
            annotations: { plumbline.dev/ignore: "memory-request-missing, cpu-request-missing" }
          spec:
            containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' cpuRequestsMissing fixtures", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/cpuRequestsMissing/failure.yaml"))).not.toEqual([]);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/cpuRequestsMissing/success.yaml"))).toEqual([]);
  });
});

describe(`${RULE} with a LimitRange`, () => {
  it("stays silent when the namespace's LimitRange fills in a CPU request, and fires in other namespaces", () => {
    const range = yaml`
      apiVersion: v1
      kind: LimitRange
      metadata: { name: defaults, namespace: shop }
      spec:
        limits:
          - type: Container
            defaultRequest: { cpu: 100m }
    `;
    const pod = (namespace: string) => yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p, namespace: ${namespace} }
      spec:
        containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, `${range}---\n${pod("shop")}`)).toEqual([]);
    expect(findingsOf(RULE, `${range}---\n${pod("other")}`)).toHaveLength(1);
  });

  it("reads a missing namespace as default, on either side", () => {
    const range = (namespace: string) => yaml`
      apiVersion: v1
      kind: LimitRange
      metadata: { name: defaults${namespace} }
      spec:
        limits:
          - type: Container
            defaultRequest: { cpu: 100m }
    `;
    const pod = (namespace: string) => yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p${namespace} }
      spec:
        containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, `${range("")}---\n${pod(", namespace: shop")}`)).toHaveLength(1);
    expect(findingsOf(RULE, `${range(", namespace: shop")}---\n${pod("")}`)).toHaveLength(1);
    expect(findingsOf(RULE, `${range("")}---\n${pod("")}`)).toEqual([]);
    expect(findingsOf(RULE, `${range(", namespace: default")}---\n${pod("")}`)).toEqual([]);
  });
});
