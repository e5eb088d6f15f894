import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";
import { runRules } from "../../src/rules/engine.js";
import { corpusFile, findingsOf, itWithCorpus, lintSet, positionOf, yaml } from "./helpers.js";

const RULE = "hpa-target-missing";

const hpa = yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web, namespace: shop }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: 2
    maxReplicas: 10
`;

const deployment = (name: string, namespace = "shop") => yaml`
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name}, namespace: ${namespace} }
  spec:
    selector: { matchLabels: { app: ${name} } }
    template:
      metadata: { labels: { app: ${name} } }
      spec:
        containers: [{ name: app, image: app:1 }]
`;

describe(RULE, () => {
  it("fires when the target is not in these manifests, at its name", () => {
    const text = hpa + deployment("web-v2");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/scaleTargetRef/name",
      ...positionOf(text, "name: web }"),
    });
    expect(findings[0]?.message).toBe(
      'scales Deployment "web", which is not found in namespace "shop" in these manifests; fix the name, or declare the Deployment as external in the configuration if it is deployed from elsewhere',
    );
  });

  it("stays silent when the target is here, and looks in the autoscaler's own namespace", () => {
    expect(findingsOf(RULE, hpa + deployment("web"))).toEqual([]);
    expect(findingsOf(RULE, hpa + deployment("web", "other"))).toHaveLength(1);
    expect(findingsOf(RULE, hpa.replace("kind: Deployment", "kind: StatefulSet") + deployment("web"))).toHaveLength(1);
  });

  it("reads a missing namespace as default, on either side", () => {
    const bare = deployment("web").replace("namespace: shop }", "}");
    const bareHpa = hpa.replace(", namespace: shop }", " }");
    expect(findingsOf(RULE, hpa + bare)).toHaveLength(1);
    expect(findingsOf(RULE, bareHpa + deployment("web", "other"))[0]?.message).toContain('not found in namespace "default"');
    expect(findingsOf(RULE, bareHpa + bare)).toEqual([]);
    expect(findingsOf(RULE, bareHpa + deployment("web", "default"))).toEqual([]);
  });

  it("stays silent for a target the configuration declares external", () => {
    const { resources, problems } = parseManifestText(hpa, "hpa.yaml", "dir:.");
    const findings = runRules(
      { resources, problems, files: ["hpa.yaml"] },
      { kubernetesVersion: "1.31", external: { resources: [{ kind: "Deployment", name: "web", namespace: "shop" }] } },
    ).filter((f) => f.rule === RULE);
    expect(findings).toEqual([]);
    expect(lintSet({ resources, problems, files: ["hpa.yaml"] }).filter((f) => f.rule === RULE)).toHaveLength(1);
  });

  it("leaves an autoscaler without a target to schema validation, and ignores KEDA's ScaledObjects", () => {
    expect(findingsOf(RULE, hpa.replace("  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n", ""))).toEqual(
      [],
    );
    const keda = yaml`
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: { name: web }
      spec:
        scaleTargetRef: { name: missing }
    `;
    expect(findingsOf(RULE, keda)).toEqual([]);
  });

  it("honours kube-linter's opt-out", () => {
    const waived = hpa.replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { ignore-check.kube-linter.io/dangling-horizontalpodautoscaler: "elsewhere" } }',
    );
    expect(findingsOf(RULE, waived)).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's and kube-score's fixtures", () => {
    expect(findingsOf(RULE, corpusFile("kube-linter/tests/checks/dangling-hpa.yml")).map((f) => f.resource.name)).toEqual([
      "hpa1",
    ]);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/hpa-has-no-target.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/hpa-autoscalingv1-targets-deployment.yaml"))).toEqual([]);
  });
});
