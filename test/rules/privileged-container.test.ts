import { describe, expect, it } from "vitest";
import { privilegedContainer } from "../../src/rules/security/privileged-container.js";
import { corpusFile, findingsAlone, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "privileged-container";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: { name: cni }
    spec:
      template:
        spec:
          initContainers:
            - name: install
              image: cni:1
              securityContext:
                privileged: true
          containers:
            - name: agent
              image: cni:1
              securityContext:
                privileged: false
            - name: plain
              image: cni:1
  `;

  it("fires on privileged: true, at that key, as an error without a fix", () => {
    const findings = findingsAlone(privilegedContainer, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", ...positionOf(text, "privileged: true") });
    expect(findings[0]?.message).toBe('init container "install" runs privileged, with full access to the node');
    expect(findings[0]?.fix).toBeUndefined();
  });

  it("stays silent for privileged: false and no securityContext", () => {
    expect(findingsAlone(privilegedContainer, text.replace("privileged: true", "privileged: false"))).toEqual([]);
  });

  it("honours kube-score's ignore annotation for the same check", () => {
    const annotated = text.replace(
      "name: cni }",
      'name: cni, annotations: { kube-score/ignore: "container-security-context-privileged" } }',
    );
    expect(annotated).not.toBe(text);
    expect(findingsAlone(privilegedContainer, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' runAsPrivileged fixtures on containers", () => {
    for (const file of ["failure.yaml", "failure.two_cont.yaml", "failure.two_cont_one_unspecified.yaml"]) {
      expect(findingsAlone(privilegedContainer, corpusFile(`polaris/test/checks/runAsPrivileged/${file}`)), file).not.toEqual([]);
    }
    for (const file of ["success.yaml", "success.pod.yaml", "success.pod_no_cont.yaml"]) {
      expect(findingsAlone(privilegedContainer, corpusFile(`polaris/test/checks/runAsPrivileged/${file}`)), file).toEqual([]);
    }
  });
});
