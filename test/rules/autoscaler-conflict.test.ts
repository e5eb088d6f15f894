import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";
import { autoscalerConflict } from "../../src/rules/reliability/autoscaler-conflict.js";
import { findingsOf, lintFiles, lintSet, positionOf, yaml } from "./helpers.js";

const RULE = "autoscaler-conflict";

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: api, namespace: shop }
  spec:
    selector: { matchLabels: { app: api } }
    template:
      metadata: { labels: { app: api } }
      spec:
        containers: [{ name: api, image: api:1 }]
`;

function hpa(name: string, metric = "cpu", target = "api"): string {
  return yaml`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: { name: ${name}, namespace: shop }
    spec:
      scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${target} }
      minReplicas: 2
      maxReplicas: 10
      metrics:
        - type: Resource
          resource: { name: ${metric}, target: { type: Utilization, averageUtilization: 70 } }
  `;
}

function vpa(updatePolicy: string, resourcePolicy = ""): string {
  return yaml`
    apiVersion: autoscaling.k8s.io/v1
    kind: VerticalPodAutoscaler
    metadata: { name: api-vpa, namespace: shop }
    spec:
      targetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
      ${updatePolicy}
      ${resourcePolicy}
  `;
}

const scaledObject = (annotations = "", advanced = "") => yaml`
  apiVersion: keda.sh/v1alpha1
  kind: ScaledObject
  metadata: { name: api-queue, namespace: shop${annotations} }
  spec:
    scaleTargetRef: { name: api }
    ${advanced}
    triggers:
      - type: rabbitmq
        metadata: { queueName: orders, mode: QueueLength, value: "20" }
`;

const join = (...docs: string[]) => docs.join("---\n");

describe(RULE, () => {
  it("fires at the second of two HPAs on one workload, naming the first", () => {
    const text = join(deployment, hpa("api-cpu"), hpa("api-memory", "memory"));
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/scaleTargetRef",
      resource: { name: "api-memory" },
      ...positionOf(text, "scaleTargetRef:", 2),
    });
    expect(findings[0]?.message).toContain('which HorizontalPodAutoscaler "api-cpu" scales too');
  });

  it("fires for an HPA and a KEDA ScaledObject on one workload (KEDA's kind defaults to Deployment)", () => {
    const findings = findingsOf(RULE, join(deployment, hpa("api"), scaledObject()));
    expect(findings.map((f) => f.resource.name)).toEqual(["api-queue"]);
  });

  it("stays silent when the ScaledObject takes over the HPA by KEDA's ownership transfer", () => {
    const adopting = scaledObject(
      ', annotations: { scaledobject.keda.sh/transfer-hpa-ownership: "true" }',
      "advanced: { horizontalPodAutoscalerConfig: { name: api } }",
    );
    expect(findingsOf(RULE, join(deployment, hpa("api"), adopting))).toEqual([]);
  });

  it("fires for a VPA that updates the requests an HPA scales on, in Auto (also by default) or Recreate", () => {
    for (const policy of ["", "updatePolicy: { updateMode: Auto }", 'updatePolicy: { updateMode: "Recreate" }']) {
      const findings = findingsOf(RULE, join(deployment, hpa("api"), vpa(policy)));
      expect(findings, policy).toHaveLength(1);
      expect(findings[0]).toMatchObject({ path: "/spec/targetRef", resource: { kind: "VerticalPodAutoscaler" } });
      expect(findings[0]?.message).toMatch(/^updates Deployment "api" cpu requests while HorizontalPodAutoscaler "api"/);
    }
  });

  it("stays silent for a VPA that only recommends, or that controls only what the HPA does not scale on", () => {
    expect(findingsOf(RULE, join(deployment, hpa("api"), vpa("updatePolicy: { updateMode: Off }")))).toEqual([]);
    expect(findingsOf(RULE, join(deployment, hpa("api"), vpa('updatePolicy: { updateMode: "Initial" }')))).toEqual([]);
    const memoryOnly = vpa("", "resourcePolicy: { containerPolicies: [{ containerName: '*', controlledResources: [memory] }] }");
    expect(findingsOf(RULE, join(deployment, hpa("api"), memoryOnly))).toEqual([]);
    // an HPA on a queue length leaves the requests to the VPA
    expect(findingsOf(RULE, join(deployment, scaledObject(), vpa("")))).toEqual([]);
  });

  it("stays silent for one autoscaler, and for autoscalers of different workloads", () => {
    expect(findingsOf(RULE, join(deployment, hpa("api")))).toEqual([]);
    expect(findingsOf(RULE, join(deployment, hpa("api"), hpa("web", "cpu", "web")))).toEqual([]);
  });

  it("is only a notice when the two are in different files of a plain directory, which may be alternatives", () => {
    const findings = lintFiles({
      "hpa/deployment.yaml": deployment,
      "hpa/cpu-hpa.yaml": hpa("api-cpu"),
      "hpa/gpu-hpa.yaml": hpa("api-gpu", "memory"),
    }).filter((f) => f.rule === RULE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "info", file: "hpa/gpu-hpa.yaml" });
    expect(findings[0]?.message).toContain("(the other is in hpa/cpu-hpa.yaml: if the files are alternatives, apply only one)");
  });

  it("is a warning for two files one rendering applies together (Kustomize, Helm): they are no alternatives", () => {
    const renderedBy = { tool: "kustomize", root: "overlays/prod" } as const;
    const files = {
      "base/deployment.yaml": deployment,
      "base/cpu-hpa.yaml": hpa("api-cpu"),
      "base/gpu-hpa.yaml": hpa("api-gpu", "memory"),
    };
    const resources = Object.entries(files).flatMap(([file, text]) =>
      parseManifestText(text, file, "kustomize:overlays/prod").resources.map((resource) => ({ ...resource, renderedBy })),
    );
    const findings = lintSet(
      { resources, problems: [], files: Object.keys(files) },
      { catalogue: { rules: [autoscalerConflict] } },
    );
    expect(findings.map((f) => [f.severity, f.file])).toEqual([["warning", "base/gpu-hpa.yaml"]]);
  });
});
