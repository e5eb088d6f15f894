import { describe, expect, it } from "vitest";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "privilege-escalation-allowed";

function pod(containerContext: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1.0
          securityContext: ${containerContext}
  `;
}

describe(RULE, () => {
  it("fires when the field is unset, since it defaults to true, with a fix", () => {
    const text = pod("{ runAsNonRoot: true }");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toBe('container "app" does not set allowPrivilegeEscalation: false, and it defaults to true');
    expect(finding).toMatchObject(positionOf(text, "securityContext:"));
    expect(finding?.fix).toEqual([
      { op: "add", path: "/spec/containers/0/securityContext/allowPrivilegeEscalation", value: false },
    ]);
    expect(applyFix(text, finding?.fix)).toMatchObject({
      spec: { containers: [{ securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } }] },
    });
  });

  it("creates securityContext when it is missing or empty", () => {
    for (const context of ["null", ""]) {
      const text = pod(context);
      const [finding] = findingsOf(RULE, text);
      expect(finding?.fix).toEqual([
        { op: "add", path: "/spec/containers/0/securityContext", value: { allowPrivilegeEscalation: false } },
      ]);
      expect(applyFix(text, finding?.fix)).toMatchObject({
        spec: { containers: [{ securityContext: { allowPrivilegeEscalation: false } }] },
      });
    }
  });

  it("fires on an explicit true at that key, leaving the decision to the author", () => {
    const text = pod("{ allowPrivilegeEscalation: true }");
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject(positionOf(text, "allowPrivilegeEscalation: true"));
    expect(finding?.fix).toBeUndefined();
  });

  it("explains that CAP_SYS_ADMIN forces escalation on, and offers no fix the API server would refuse", () => {
    const text = pod("{ capabilities: { add: [NET_BIND_SERVICE, SYS_ADMIN] } }");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toContain("adds CAP_SYS_ADMIN");
    expect(finding?.path).toBe("/spec/containers/0/securityContext/capabilities/add/1");
    expect(finding?.fix).toBeUndefined();
  });

  it("notes that privileged forces escalation on, at the securityContext rather than privileged-container's line", () => {
    const text = pod("\n            privileged: true");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toBe(
      'container "app" can escalate privileges: it is privileged, which forces allowPrivilegeEscalation on',
    );
    expect(finding).toMatchObject(positionOf(text, "securityContext:"));
    expect(finding?.fix).toBeUndefined();
    expect(findingsOf("privileged-container", text)[0]?.line).not.toBe(finding?.line);
  });

  it("fires when false sits next to privileged: true, which the API server rejects", () => {
    const [finding] = findingsOf(RULE, pod("{ privileged: true, allowPrivilegeEscalation: false }"));
    expect(finding?.message).toContain("which the API server rejects");
  });

  it("stays silent on false, and on Windows pods which reject the field", () => {
    expect(findingsOf(RULE, pod("{ allowPrivilegeEscalation: false }"))).toEqual([]);
    const windows = pod("{}").replace("spec:\n", "spec:\n  os:\n    name: windows\n");
    expect(windows).toContain("windows");
    expect(findingsOf(RULE, windows)).toEqual([]);
  });

  it("does not accept the setting on the pod, where the field does not exist", () => {
    const text = pod("{}").replace("spec:\n", "spec:\n  securityContext: { allowPrivilegeEscalation: false }\n");
    expect(findingsOf(RULE, text)).toHaveLength(1);
  });

  itWithCorpus("agrees with Polaris' and kube-linter's fixtures", () => {
    for (const file of ["failure.yaml", "failure.pod.yaml", "failure.pod_unspecified.yaml", "failure.unspecified.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/privilegeEscalationAllowed/${file}`)), file).toHaveLength(1);
    }
    for (const file of ["success.yaml", "success.pod.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/privilegeEscalationAllowed/${file}`)), file).toEqual([]);
    }
    const linter = findingsOf(RULE, corpusFile("kube-linter/tests/checks/privilege-escalation-container.yml"));
    // app2 is an OpenShift DeploymentConfig: its pod template is read like a Deployment's
    expect(linter.map((f) => f.resource.name)).toEqual(["app1", "app2"]);
  });
});
