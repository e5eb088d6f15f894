import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "host-namespace";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: { name: agent }
    spec:
      selector: { matchLabels: { app: agent } }
      template:
        metadata: { labels: { app: agent } }
        spec:
          hostNetwork: true
          hostPID: true
          hostIPC: false
          containers: [{ name: agent, image: agent:1 }]
  `;

  it("fires once per shared namespace, at its field, as a warning without a fix", () => {
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.path)).toEqual(["/spec/template/spec/hostNetwork", "/spec/template/spec/hostPID"]);
    expect(findings[0]).toMatchObject({ severity: "warning", ...positionOf(text, "hostNetwork: true") });
    expect(findings[1]).toMatchObject(positionOf(text, "hostPID: true"));
    expect(findings[0]?.message).toContain("pods set hostNetwork: true and share the node's network");
    expect(findings[0]?.message).toContain("NetworkPolicies no longer apply");
    expect(findings[1]?.message).toContain("see every process on the node");
    expect(findings.every((f) => f.fix === undefined)).toBe(true);
  });

  it("reads bare Pods and CronJobs at their own pod spec", () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostIPC: true\n  containers: [{ name: a, image: a:1 }]\n";
    expect(findingsOf(RULE, pod).map((f) => f.path)).toEqual(["/spec/hostIPC"]);
    const cron = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: c }
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                hostPID: true
                containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, cron).map((f) => f.path)).toEqual(["/spec/jobTemplate/spec/template/spec/hostPID"]);
  });

  it("stays silent when the fields are false, absent, or not booleans", () => {
    expect(
      findingsOf(RULE, text.replace("hostNetwork: true", "hostNetwork: false").replace("hostPID: true", 'hostPID: "true"')),
    ).toEqual([]);
  });

  it("honours Polaris' per-check exemption annotation", () => {
    const annotated = text.replace(
      "metadata: { name: agent }",
      'metadata: { name: agent, annotations: { polaris.fairwinds.com/hostNetworkSet-exempt: "true" } }',
    );
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' host namespace fixtures", () => {
    for (const check of ["hostNetworkSet", "hostPIDSet", "hostIPCSet"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/${check}/failure.yaml`)), check).toHaveLength(1);
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/${check}/success.yaml`)), check).toEqual([]);
    }
  });
});
