import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "network-policy-missing";

const web = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    selector: { matchLabels: { app: web } }
    template:
      metadata:
        labels:
          app: web
      spec:
        containers: [{ name: web, image: web:1 }]
`;

function policy(body: string, namespace = "shop"): string {
  return `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: ${namespace} }\nspec:\n${body}\n`;
}

describe(RULE, () => {
  it("fires as info on a long-running workload no policy selects, at its pod labels", () => {
    const findings = findingsOf(RULE, web);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "info",
      path: "/spec/template/metadata/labels",
      ...positionOf(web, "labels:"),
    });
    expect(findings[0]?.message).toBe(
      'no NetworkPolicy in namespace "shop" in these manifests selects these pods: any pod can connect to them and they can connect anywhere; add one (a default deny for the namespace, then what the pods need)',
    );
  });

  it("is satisfied by a namespace-wide default deny in both directions", () => {
    expect(findingsOf(RULE, web + policy("  podSelector: {}\n  policyTypes: [Ingress, Egress]"))).toEqual([]);
  });

  it("reads policyTypes as the API server defaults them", () => {
    // no policyTypes, egress rules present: both directions
    expect(
      findingsOf(RULE, web + policy("  podSelector: { matchLabels: { app: web } }\n  egress: [{ to: [{ podSelector: {} }] }]")),
    ).toEqual([]);
    // no policyTypes, no egress rules: ingress only
    const [ingressOnly] = findingsOf(RULE, web + policy("  podSelector: { matchLabels: { app: web } }\n  ingress: []"));
    expect(ingressOnly?.message).toBe(
      'NetworkPolicy "web" limits only incoming traffic: these pods can still connect anywhere; add an Egress policy',
    );
    const [egressOnly] = findingsOf(RULE, web + policy("  podSelector: {}\n  policyTypes: [Egress]"));
    expect(egressOnly?.message).toContain("limits only outgoing traffic: any pod can still connect to these pods");
  });

  it("combines policies: one for ingress and one for egress isolate the pods", () => {
    const ingress = policy("  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]");
    const egress = policy("  podSelector: {}\n  policyTypes: [Egress]").replace("name: web,", "name: egress,");
    expect(findingsOf(RULE, web + ingress + egress)).toEqual([]);
  });

  it("ignores policies of other namespaces and selectors that miss the pods", () => {
    expect(findingsOf(RULE, web + policy("  podSelector: {}\n  policyTypes: [Ingress, Egress]", "other"))).toHaveLength(1);
    expect(
      findingsOf(RULE, web + policy("  podSelector: { matchLabels: { app: api } }\n  policyTypes: [Ingress, Egress]")),
    ).toHaveLength(1);
  });

  it("stays silent for Jobs, CronJobs, run-to-completion Pods and pods on the host network", () => {
    const job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: a:1 }]\n";
    expect(findingsOf(RULE, job)).toEqual([]);
    const oneShot =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: OnFailure\n  containers: [{ name: a, image: a:1 }]\n";
    expect(findingsOf(RULE, oneShot)).toEqual([]);
    expect(findingsOf(RULE, web.replace("containers:", "hostNetwork: true\n      containers:"))).toEqual([]);
  });

  it("honours kube-score's ignore annotation", () => {
    const annotated = web.replace(
      "namespace: shop }",
      'namespace: shop, annotations: { kube-score/ignore: "pod-networkpolicy" } }',
    );
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with kube-score on ingress-only policies and policies in another namespace", () => {
    const dir = "kube-score/score/testdata";
    expect(findingsOf(RULE, corpusFile(`${dir}/networkpolicy-matching-only-ingress.yaml`))[0]?.message).toContain("Egress");
    expect(findingsOf(RULE, corpusFile(`${dir}/networkpolicy-matching-only-egress.yaml`))[0]?.message).toContain("Ingress");
    expect(findingsOf(RULE, corpusFile(`${dir}/networkpolicy-not-matching.yaml`))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile(`${dir}/networkpolicy-matching.yaml`))).toEqual([]);
  });
});
