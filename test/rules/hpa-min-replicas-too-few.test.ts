import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf } from "./helpers.js";

const RULE = "hpa-min-replicas-too-few";

/** `bounds` is a flow mapping of minReplicas / maxReplicas, merged into the spec. */
function hpa(bounds: string, apiVersion = "autoscaling/v2"): string {
  const lines = bounds.split("\n").map((line) => `  ${line.trim()}`);
  return [
    `apiVersion: ${apiVersion}`,
    "kind: HorizontalPodAutoscaler",
    "metadata: { name: web }",
    "spec:",
    "  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }",
    ...lines,
    "",
  ].join("\n");
}

describe(RULE, () => {
  it("fires on minReplicas: 1, at the field", () => {
    const text = hpa("minReplicas: 1\n  maxReplicas: 10");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/minReplicas", ...positionOf(text, "minReplicas: 1") });
    expect(findings[0]?.message).toBe(
      'minReplicas is 1: when load is low the autoscaler scales Deployment "web" down to one pod, which a node drain or a crash takes down; set minReplicas: 2',
    );
  });

  it("reads an absent minReplicas as the API server's default of 1", () => {
    const text = hpa("maxReplicas: 10");
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ path: "/spec/minReplicas", ...positionOf(text, "spec:") });
    expect(finding?.message).toMatch(/^minReplicas is not set, so 1:/);
  });

  it("asks to raise both bounds when maxReplicas is 1 too", () => {
    expect(findingsOf(RULE, hpa("minReplicas: 1\n  maxReplicas: 1"))[0]?.message).toMatch(
      /set minReplicas and maxReplicas to at least 2$/,
    );
  });

  it("stays silent at two or more, and on deliberate scale-to-zero", () => {
    expect(findingsOf(RULE, hpa("minReplicas: 2\n  maxReplicas: 10"))).toEqual([]);
    expect(findingsOf(RULE, hpa("minReplicas: 3\n  maxReplicas: 10", "autoscaling/v1"))).toEqual([]);
    expect(findingsOf(RULE, hpa("minReplicas: 0\n  maxReplicas: 10"))).toEqual([]);
  });

  it("checks every autoscaling version", () => {
    for (const version of ["autoscaling/v1", "autoscaling/v2beta1", "autoscaling/v2beta2"]) {
      expect(findingsOf(RULE, hpa("minReplicas: 1\n  maxReplicas: 10", version)), version).toHaveLength(1);
    }
  });

  it("honours Polaris's opt-out", () => {
    const text = hpa("minReplicas: 1\n  maxReplicas: 10").replace(
      "metadata: { name: web }",
      'metadata: { name: web, annotations: { polaris.fairwinds.com/hpaMinAvailability-exempt: "true" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris and kube-score on minReplicas 1 and 2", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/hpaMinAvailability/failure.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/hpaMinAvailability/success.yaml"))).toEqual([]);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/hpa-min-replicas-nok.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/hpa-min-replicas-ok.yaml"))).toEqual([]);
  });
});
