import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "memory-request-missing";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: { name: db }
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: db:1
              resources: {}
          containers:
            - name: db
              image: db:1
              resources:
                requests: { cpu: 100m }
            - name: exporter
              image: exporter:1
              resources:
                limits: { memory: 64Mi }
  `;

  it("fires per container, init containers included, at the nearest existing key", () => {
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.message)).toEqual([
      'init container "init" has no memory request',
      'container "db" has no memory request',
    ]);
    expect(findings[0]).toMatchObject(positionOf(text, "resources: {}"));
    expect(findings[1]).toMatchObject(positionOf(text, "requests: { cpu"));
  });

  it("treats a limit as the request, since the API server copies it over", () => {
    expect(findingsOf(RULE, text).some((f) => f.message.includes("exporter"))).toBe(false);
  });

  it("treats null and empty values as unset", () => {
    const empty = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: a
            image: a:1
            resources:
              requests: { memory: "" }
              limits: { memory: null }
    `;
    expect(findingsOf(RULE, empty)).toHaveLength(1);
  });

  itWithCorpus("agrees with Polaris' memoryRequestsMissing fixtures", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/memoryRequestsMissing/failure.yaml"))).not.toEqual([]);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/memoryRequestsMissing/success.yaml"))).toEqual([]);
  });
});
