/** Who changed a field decides what it is: drift to write back, a controller to ignore, or Git ahead. */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { readDriftConfig } from "../../src/drift/config.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { deploymentYaml, edited, gitFrom, type Loose, liveFrom, managed } from "./helpers.js";

const git = gitFrom(deploymentYaml());
const gitObject = git[0]?.object as KubeObject;
const container = (o: KubeObject) => (o as Loose).spec.template.spec.containers[0];
const imageFields = { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } } };
const replicasFields = { "f:spec": { "f:replicas": {} } };

function withManagers(edit: (copy: KubeObject) => void, ...entries: KubeObject[]): KubeObject {
  return edited(gitObject, (copy) => {
    edit(copy);
    (copy.metadata as KubeObject).managedFields = entries;
  });
}

const applied = managed(
  "argocd-controller",
  { "f:spec": { "f:replicas": {}, "f:template": {} } },
  { operation: "Apply", time: "2025-02-01T00:00:00Z" },
);

describe("attribution", () => {
  it("a kubectl edit is imperative drift, with manager, operation and time", () => {
    const live = withManagers(
      (c) => (container(c).image = "ghcr.io/shop/web:1.4.3-hotfix"),
      applied,
      managed("kubectl-edit", imageFields),
    );
    const change = detectDrift(git, liveFrom([live])).drifts[0]?.changes[0];
    expect(change).toMatchObject({
      path: "/spec/template/spec/containers/0/image",
      git: "ghcr.io/shop/web:1.4.2",
      live: "ghcr.io/shop/web:1.4.3-hotfix",
      owner: { manager: "kubectl-edit", operation: "Update", time: "2025-03-01T10:00:00Z", actor: "imperative" },
    });
    expect(change?.noWrite).toBeUndefined();
  });

  it("the most recent of several owners is the one named", () => {
    const older = managed("kubectl-set", imageFields, { time: "2025-01-01T00:00:00Z" });
    const live = withManagers((c) => (container(c).image = "x:2"), older, managed("kubectl-patch", imageFields));
    expect(detectDrift(git, liveFrom([live])).drifts[0]?.changes[0]?.owner?.manager).toBe("kubectl-patch");
  });

  it("a value the GitOps applier set means Git is ahead: pending sync, not drift", () => {
    const argoImage = managed("argocd-controller", imageFields, { operation: "Apply" });
    const result = detectDrift(git, liveFrom([withManagers((c) => (container(c).image = "x:0.9"), argoImage)]));
    expect(result.drifts).toEqual([]);
    expect(result.summary.pendingSync).toBe(1);
  });

  it("a controller's change is drift to silence with an ignore rule, never to write", () => {
    const vpa = managed("vpa-updater", {
      "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:resources": {} } } } } },
    });
    const gitWithResources = gitFrom(deploymentYaml("          resources:\n            requests: {cpu: 100m}\n"));
    const live = edited(gitWithResources[0]?.object as KubeObject, (c) => {
      container(c).resources.requests.cpu = "250m";
      (c.metadata as KubeObject).managedFields = [vpa];
    });
    const change = detectDrift(gitWithResources, liveFrom([live])).drifts[0]?.changes[0];
    expect(change?.owner?.actor).toBe("controller");
    expect(change?.noWrite).toMatch(/vpa-updater.*ignore rule/);
    expect(change?.suggestIgnore).toEqual({
      kind: "Deployment",
      name: "web",
      pointer: "/spec/template/spec/containers/0/resources/requests/cpu",
      manager: "vpa-updater",
      jqPath: '.spec.template.spec.containers[] | select(.name == "web") | .resources.requests.cpu',
    });
  });

  it("a field no manager owns is the server's (defaults, webhooks): not drift", () => {
    const live = withManagers((c) => (container(c).image = "mutated:1"), managed("kubectl-client-side-apply", replicasFields));
    expect(detectDrift(git, liveFrom([live])).drifts).toEqual([]);
  });

  it("without managedFields a difference is drift by an unknown actor", () => {
    const live = edited(gitObject, (c) => (container(c).image = "x:2"));
    const change = detectDrift(git, liveFrom([live])).drifts[0]?.changes[0];
    expect(change?.owner).toBeUndefined();
    expect(change?.path).toBe("/spec/template/spec/containers/0/image");
  });

  it("the configuration can name a manager's class", () => {
    const live = withManagers((c) => (container(c).image = "x:2"), managed("deploy-bot", imageFields));
    const config = readDriftConfig({ managers: { gitops: ["deploy-*"] } });
    expect(detectDrift(git, liveFrom([live]), { config }).summary.pendingSync).toBe(1);
    expect(detectDrift(git, liveFrom([live])).drifts[0]?.changes[0]?.owner?.actor).toBe("controller");
  });
});

describe("out-of-band additions", () => {
  it("a field Git never set, added with kubectl edit, is drift with what kubectl set (no defaults)", () => {
    const live = withManagers(
      (c) => {
        (c.metadata as KubeObject).annotations = { "oncall/paged": "true" };
        container(c).livenessProbe = {
          httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" },
          timeoutSeconds: 1,
          periodSeconds: 10,
        };
      },
      managed("kubectl-edit", {
        "f:metadata": { "f:annotations": { ".": {}, "f:oncall/paged": {} } },
        "f:spec": {
          "f:template": {
            "f:spec": {
              "f:containers": {
                'k:{"name":"web"}': {
                  "f:livenessProbe": {
                    ".": {},
                    "f:httpGet": { ".": {}, "f:path": {}, "f:port": {}, "f:scheme": {} },
                    "f:timeoutSeconds": {},
                    "f:periodSeconds": {},
                  },
                },
              },
            },
          },
        },
      }),
    );
    const changes = detectDrift(git, liveFrom([live])).drifts[0]?.changes ?? [];
    expect(changes.map((c) => [c.path, c.git, c.live])).toEqual([
      ["/metadata/annotations", undefined, { "oncall/paged": "true" }],
      ["/spec/template/spec/containers/0/livenessProbe", undefined, { httpGet: { path: "/healthz", port: 8080 } }],
    ]);
  });

  it("fields a controller or the server added are not", () => {
    const live = withManagers(
      (c) => {
        (c.metadata as KubeObject).annotations = { "deployment.kubernetes.io/revision": "4", "sidecar.istio.io/status": "{}" };
        container(c).imagePullPolicy = "IfNotPresent";
      },
      managed("kube-controller-manager", { "f:metadata": { "f:annotations": { "f:deployment.kubernetes.io/revision": {} } } }),
      managed("istio-sidecar-injector", { "f:metadata": { "f:annotations": { "f:sidecar.istio.io/status": {} } } }),
    );
    expect(detectDrift(git, liveFrom([live])).drifts).toEqual([]);
  });

  it("a default owned by an imperative creator (kubectl create/replace) is not an addition", () => {
    const live = withManagers(
      (c) => {
        container(c).terminationMessagePath = "/dev/termination-log";
        (c.spec as KubeObject).progressDeadlineSeconds = 600;
      },
      managed("kubectl-create", {
        "f:spec": {
          "f:progressDeadlineSeconds": {},
          "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:terminationMessagePath": {} } } } },
        },
      }),
    );
    expect(detectDrift(git, liveFrom([live])).drifts).toEqual([]);
  });
});

describe("replicas", () => {
  const scaled = (manager: string, extra: Record<string, string> = {}) =>
    withManagers((c) => ((c.spec as KubeObject).replicas = 7), managed(manager, replicasFields, extra));

  it("an HPA's replica count (kube-controller-manager) is not drift", () => {
    expect(detectDrift(git, liveFrom([scaled("kube-controller-manager")])).drifts).toEqual([]);
  });
  it("an autoscaler writing through the scale subresource is not drift", () => {
    expect(detectDrift(git, liveFrom([scaled("keda-operator", { subresource: "scale" })])).drifts).toEqual([]);
  });
  it("a person's kubectl scale is", () => {
    expect(detectDrift(git, liveFrom([scaled("kubectl", { subresource: "scale" })])).drifts[0]?.changes[0]?.path).toBe(
      "/spec/replicas",
    );
  });
  it("an HPA in Git that targets the workload makes its replica count the HPA's", () => {
    const hpa = `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n`;
    const withHpa = gitFrom(deploymentYaml() + hpa);
    const live = edited(gitObject, (c) => ((c.spec as KubeObject).replicas = 9));
    const result = detectDrift(withHpa, liveFrom([live, withHpa[1]?.object as KubeObject]));
    expect(result.drifts).toEqual([]);
    expect(detectDrift(git, liveFrom([live])).drifts[0]?.changes[0]?.path).toBe("/spec/replicas");
  });
});
