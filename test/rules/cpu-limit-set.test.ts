import { describe, expect, it } from "vitest";
import { applyFix, findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "cpu-limit-set";

function pod(resources: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1
          resources: ${resources}
  `;
}

type Fixed = { spec: { containers: { resources: unknown }[]; resources?: unknown } };

describe(RULE, () => {
  it("reports a CPU limit as info, at the limit", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            containers:
              - name: web
                image: app:1
                resources:
                  requests: { cpu: 250m, memory: 256Mi }
                  limits: { cpu: 500m, memory: 512Mi }
    `;
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "info",
      path: "/spec/template/spec/containers/0/resources/limits/cpu",
      ...positionOf(text, "cpu: 500m"),
    });
    expect(findings[0]?.message).toBe(
      'container "web" has a CPU limit of 500m: the kernel throttles it at that quota even when the node has idle CPU; remove the limit and keep the request, unless the pod needs Guaranteed QoS (then set requests equal to limits for CPU and memory)',
    );
  });

  it("fixes by removing the limit and keeping the request", () => {
    const text = pod("{ requests: { cpu: 250m, memory: 256Mi }, limits: { cpu: 500m, memory: 512Mi } }");
    const fixed = applyFix(text, findingsOf(RULE, text)[0]?.fix) as Fixed;
    expect(fixed.spec.containers[0]?.resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi" },
      limits: { memory: "512Mi" },
    });
  });

  it("turns a limit that stood in for the request into the request, so the scheduler keeps it", () => {
    const onlyLimit = pod("{ limits: { cpu: '1' } }");
    expect(applyFix(onlyLimit, findingsOf(RULE, onlyLimit)[0]?.fix)).toMatchObject({
      spec: { containers: [{ resources: { requests: { cpu: "1" } } }] },
    });
    expect((applyFix(onlyLimit, findingsOf(RULE, onlyLimit)[0]?.fix) as Fixed).spec.containers[0]?.resources).toEqual({
      requests: { cpu: "1" },
    });
    const memoryRequest = pod("{ requests: { memory: 1Gi }, limits: { cpu: 2 } }");
    expect((applyFix(memoryRequest, findingsOf(RULE, memoryRequest)[0]?.fix) as Fixed).spec.containers[0]?.resources).toEqual({
      requests: { memory: "1Gi", cpu: 2 },
    });
  });

  it("stays silent for Guaranteed pods, whose limits are deliberate", () => {
    expect(findingsOf(RULE, pod("{ requests: { cpu: '2', memory: 1Gi }, limits: { cpu: 2000m, memory: 1024Mi } }"))).toEqual([]);
    // requests left out default to the limits
    expect(findingsOf(RULE, pod("{ limits: { cpu: '2', memory: 1Gi } }"))).toEqual([]);
  });

  it("reports when any container keeps the pod out of Guaranteed, init containers included", () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - { name: app, image: app:1, resources: { limits: { cpu: "2", memory: 1Gi } } }
          - { name: log, image: log:1, resources: { limits: { cpu: 100m } } }
    `;
    expect(findingsOf(RULE, text).map((f) => f.message.split(" has")[0])).toEqual(['container "app"', 'container "log"']);
    const init = pod("{ limits: { cpu: '2', memory: 1Gi } }").replace(
      "  containers:",
      "  initContainers: [{ name: migrate, image: app:1, resources: { limits: { cpu: 500m } } }]\n  containers:",
    );
    expect(findingsOf(RULE, init).map((f) => f.message.split(" has")[0])).toEqual([
      'init container "migrate"',
      'container "app"',
    ]);
    expect(findingsOf(RULE, pod("{ requests: { cpu: '1', memory: 1Gi }, limits: { cpu: '2', memory: 1Gi } }"))).toHaveLength(1);
  });

  it("stays silent without a CPU limit", () => {
    expect(findingsOf(RULE, pod("{ requests: { cpu: 100m }, limits: { memory: 1Gi } }"))).toEqual([]);
    expect(findingsOf(RULE, pod("{ limits: { cpu: null, memory: 1Gi } }"))).toEqual([]);
  });

  it("reports a pod-level CPU limit unless the pod-level resources make it Guaranteed", () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        resources:
          requests: { cpu: '1', memory: 1Gi }
          limits: { cpu: '2', memory: 1Gi }
        containers: [{ name: app, image: app:1 }]
    `;
    const [finding] = findingsOf(RULE, text);
    expect(finding?.path).toBe("/spec/resources/limits/cpu");
    expect(finding?.message).toMatch(/^the pod has a CPU limit of 2:/);
    expect((applyFix(text, finding?.fix) as Fixed).spec.resources).toEqual({
      requests: { cpu: "1", memory: "1Gi" },
      limits: { memory: "1Gi" },
    });
    expect(findingsOf(RULE, text.replace("cpu: '2'", "cpu: '1'"))).toEqual([]);
  });

  it("can be switched off per resource", () => {
    const text = pod("{ limits: { cpu: 500m } }").replace(
      "metadata: { name: p }",
      "metadata: { name: p, annotations: { plumbline.dev/ignore: cpu-limit-set } }",
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
