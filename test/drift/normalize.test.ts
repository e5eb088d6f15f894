/** What is not drift: spelling, defaults, server fields, order of keyed lists. And what still is. */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { deploymentYaml, edited, gitFrom, type Loose, liveFrom } from "./helpers.js";

function paths(gitYaml: string, live: (git: KubeObject) => KubeObject): string[] {
  const git = gitFrom(gitYaml);
  const result = detectDrift(git, liveFrom([live((git[0] as { object: KubeObject }).object)]));
  return result.drifts.flatMap((drift) => drift.changes.map((change) => change.path));
}

const container = (o: KubeObject) => (o as Loose).spec.template.spec.containers[0];

describe("quantities", () => {
  const resources = (cpu: string, memory: string) => `          resources:
            requests: {cpu: ${cpu}, memory: ${memory}}
`;
  it.each([
    ["0.5", "500m"],
    ["1", "1000m"],
    ["1000m", "1"],
    ["0.1", "100m"],
  ])("cpu %s in Git is %s in the cluster", (git, live) => {
    expect(
      paths(deploymentYaml(resources(git, "1Gi")), (o) => edited(o, (c) => (container(c).resources.requests.cpu = live))),
    ).toEqual([]);
  });
  it("1.5Gi is 1536Mi", () => {
    expect(
      paths(deploymentYaml(resources("1", "1.5Gi")), (o) =>
        edited(o, (c) => (container(c).resources.requests.memory = "1536Mi")),
      ),
    ).toEqual([]);
  });
  it("a different amount is drift", () => {
    expect(
      paths(deploymentYaml(resources("1", "1Gi")), (o) => edited(o, (c) => (container(c).resources.requests.cpu = "1100m"))),
    ).toEqual(["/spec/template/spec/containers/0/resources/requests/cpu"]);
  });
  it("quantities are not compared by value outside quantity fields", () => {
    const yaml = deploymentYaml(`          env:\n            - {name: RATIO, value: "0.5"}\n`);
    expect(paths(yaml, (o) => edited(o, (c) => (container(c).env[0].value = "500m")))).toEqual([
      "/spec/template/spec/containers/0/env/0/value",
    ]);
  });
});

describe("scalars", () => {
  it('a string port is a named port: "8080" is not 8080', () => {
    const yaml = deploymentYaml(`          readinessProbe:\n            httpGet: {path: /healthz, port: "8080"}\n`);
    expect(paths(yaml, (o) => edited(o, (c) => (container(c).readinessProbe.httpGet.port = 8080)))).toEqual([
      "/spec/template/spec/containers/0/readinessProbe/httpGet/port",
    ]);
  });
  it("durations compare by length", () => {
    const yaml = `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tls, namespace: shop}\nspec:\n  duration: 2160h\n  renewBefore: 360h\n`;
    expect(
      paths(yaml, (o) => edited(o, (c) => Object.assign(c.spec as object, { duration: "2160h0m0s", renewBefore: "15h0m0s" }))),
    ).toEqual(["/spec/renewBefore"]);
  });
  it("YAML 1.1 booleans are read as kubectl reads them", () => {
    const yaml = deploymentYaml(`          stdin: yes\n`);
    expect(paths(yaml, (o) => edited(o, (c) => (container(c).stdin = true)))).toEqual([]);
  });
});

describe("empty, null and absent", () => {
  it("empty maps, lists, strings and nulls in Git match an absent field", () => {
    const yaml = deploymentYaml(
      `          env: []\n          args: []\n          resources: {}\n          workingDir: ""\n          command: null\n`,
    );
    expect(
      paths(yaml, (o) =>
        edited(o, (c) => {
          for (const key of ["env", "args", "resources", "workingDir", "command"]) delete container(c)[key];
        }),
      ),
    ).toEqual([]);
  });
  it("a default Git spells out that the server leaves out is not drift (readOnly: false)", () => {
    const yaml = deploymentYaml(`          volumeMounts:\n            - {name: data, mountPath: /data, readOnly: false}\n`);
    expect(paths(yaml, (o) => edited(o, (c) => delete container(c).volumeMounts[0].readOnly))).toEqual([]);
  });
  it("a non-default value the cluster lost is drift", () => {
    const yaml = deploymentYaml(`          volumeMounts:\n            - {name: data, mountPath: /data, readOnly: true}\n`);
    expect(paths(yaml, (o) => edited(o, (c) => delete container(c).volumeMounts[0].readOnly))).toEqual([
      "/spec/template/spec/containers/0/volumeMounts/0/readOnly",
    ]);
  });
});

describe("server fields and defaults", () => {
  it("server metadata, status, tool annotations and API defaults are not drift", () => {
    const yaml = deploymentYaml(`          ports:\n            - containerPort: 8080\n`);
    expect(
      paths(yaml, (o) =>
        edited(o, (c) => {
          Object.assign(c.metadata as object, {
            uid: "u-1",
            resourceVersion: "42",
            generation: 3,
            creationTimestamp: "2025-01-01T00:00:00Z",
            annotations: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}" },
          });
          c.status = { replicas: 2, readyReplicas: 2 };
          Object.assign(c.spec as object, {
            progressDeadlineSeconds: 600,
            revisionHistoryLimit: 10,
            strategy: { type: "RollingUpdate" },
          });
          (c as Loose).spec.template.metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2025-03-01T10:00:00Z" };
          Object.assign(container(c), { imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" });
          container(c).ports[0].protocol = "TCP";
          Object.assign((c as Loose).spec.template.spec, {
            dnsPolicy: "ClusterFirst",
            restartPolicy: "Always",
            schedulerName: "default-scheduler",
          });
        }),
      ),
    ).toEqual([]);
  });
  it("a Service's allocated clusterIP and nodePort are not drift", () => {
    const yaml = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - {port: 80, targetPort: 8080}\n`;
    expect(
      paths(yaml, (o) =>
        edited(o, (c) => {
          Object.assign(c.spec as object, { clusterIP: "10.0.0.12", clusterIPs: ["10.0.0.12"], sessionAffinity: "None" });
          Object.assign((c as Loose).spec.ports[0], { nodePort: 31234, protocol: "TCP" });
        }),
      ),
    ).toEqual([]);
  });
});

describe("lists", () => {
  const twoContainers = `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - {name: X, value: "1"}\n        - {name: Z, value: "2"}\n      ports:\n        - {containerPort: 53, protocol: UDP}\n        - {containerPort: 53}\n    - name: b\n      image: b:1\n`;
  it("items with merge keys match by key, not position", () => {
    expect(
      paths(twoContainers, (o) =>
        edited(o, (c) => {
          const spec = c.spec as Loose;
          spec.containers.reverse();
          spec.containers[1].env.reverse();
          spec.containers[1].ports = [
            { containerPort: 53, protocol: "TCP" },
            { containerPort: 53, protocol: "UDP" },
          ];
        }),
      ),
    ).toEqual([]);
  });
  it("a changed item is reported at its Git position, named by its key", () => {
    const git = gitFrom(twoContainers);
    const live = edited(git[0]?.object as KubeObject, (c) => {
      const spec = c.spec as Loose;
      spec.containers.reverse();
      spec.containers[1].env[1].value = "3";
    });
    const change = detectDrift(git, liveFrom([live])).drifts[0]?.changes[0];
    expect(change).toMatchObject({
      path: "/spec/containers/0/env/1/value",
      display: "spec.containers[a].env[Z].value",
      git: "2",
      live: "3",
    });
  });
  it("atomic lists compare whole, element by element", () => {
    const yaml = deploymentYaml(`          args: [--port=8080, --verbose]\n`);
    expect(paths(yaml, (o) => edited(o, (c) => (container(c).args = ["--port=9090", "--verbose"])))).toEqual([
      "/spec/template/spec/containers/0/args/0",
    ]);
    expect(paths(yaml, (o) => edited(o, (c) => (container(c).args = ["--verbose", "--port=8080"])))).toEqual([
      "/spec/template/spec/containers/0/args/0",
      "/spec/template/spec/containers/0/args/1",
    ]);
    expect(paths(yaml, (o) => edited(o, (c) => container(c).args.push("--debug")))).toEqual([
      "/spec/template/spec/containers/0/args",
    ]);
  });
});
