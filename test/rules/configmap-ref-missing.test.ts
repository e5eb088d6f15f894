import { describe, expect, it } from "vitest";
import type { ExternalResource } from "../../src/config/config.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { runRules } from "../../src/rules/engine.js";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "configmap-ref-missing";

const pod = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web } }
      spec:
        containers:
          - name: web
            image: web:1
            env:
              - name: LOG_LEVEL
                valueFrom:
                  configMapKeyRef: { name: settings, key: log_level }
              - name: FLAGS
                valueFrom:
                  configMapKeyRef: { name: flags, key: all, optional: true }
            envFrom:
              - configMapRef: { name: defaults }
        volumes:
          - name: config
            configMap:
              name: files
              items: [{ key: app.conf, path: app.conf }]
          - name: bundle
            projected:
              sources:
                - configMap: { name: ca-bundle }
`;

const configMap = (name: string, data = "{ x: '1' }") =>
  `---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: shop }\ndata: ${data}\n`;

function withExternal(text: string, resources: ExternalResource[]) {
  const { resources: parsed, problems } = parseManifestText(text, "app.yaml", "dir:.");
  return runRules(
    { resources: parsed, problems, files: ["app.yaml"] },
    { kubernetesVersion: "1.33", external: { namespaces: [], resources } },
  ).filter((finding) => finding.rule === RULE);
}

describe(RULE, () => {
  it("fires at each required reference whose ConfigMap is not in these manifests", () => {
    const findings = findingsOf(RULE, pod);
    expect(findings.map((f) => f.path)).toEqual([
      "/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/name",
      "/spec/template/spec/containers/0/envFrom/0/configMapRef/name",
      "/spec/template/spec/volumes/0/configMap/name",
      "/spec/template/spec/volumes/1/projected/sources/0/configMap/name",
    ]);
    expect(findings[0]).toMatchObject({ severity: "warning", ...positionOf(pod, "name: settings") });
    expect(findings[0]?.message).toBe(
      'container "web" (env LOG_LEVEL) needs ConfigMap "settings", which is not found in these manifests (namespace "shop"): the container cannot start (CreateContainerConfigError) unless it is created elsewhere; declare it under external in the configuration if so, or set optional: true',
    );
    expect(findings[2]?.message).toContain('volume "config" needs ConfigMap "files"');
    expect(findings[2]?.message).toContain("the pod cannot start, since the volume cannot be mounted");
  });

  it("stays silent when the ConfigMaps are there, in the same namespace", () => {
    const all =
      pod +
      configMap("settings", "{ log_level: info }") +
      configMap("defaults") +
      configMap("files", "{ app.conf: x }") +
      configMap("ca-bundle");
    expect(findingsOf(RULE, all)).toEqual([]);
    expect(findingsOf(RULE, all.replaceAll("namespace: shop }\ndata", "namespace: other }\ndata"))).toHaveLength(4);
  });

  it("fires at a key the ConfigMap lacks, naming the keys it has", () => {
    const text =
      pod +
      configMap("settings", "{ loglevel: info }") +
      configMap("defaults") +
      configMap("files", "{ other.conf: x }") +
      configMap("ca-bundle");
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.path)).toEqual([
      "/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/key",
      "/spec/template/spec/volumes/0/configMap/items/0/key",
    ]);
    expect(findings[0]?.message).toBe(
      'container "web" (env LOG_LEVEL) needs key "log_level" of ConfigMap "settings", which has only "loglevel": the container cannot start (CreateContainerConfigError)',
    );
  });

  it("does not judge the keys of a ConfigMap without data, which something else fills", () => {
    const text = pod + configMap("settings", "{}") + configMap("defaults") + configMap("files") + configMap("ca-bundle");
    expect(findingsOf(RULE, text).map((f) => f.path)).toEqual(["/spec/template/spec/volumes/0/configMap/items/0/key"]);
  });

  it("never fires for optional references", () => {
    const optional = pod.replaceAll("{ name: settings, key: log_level }", "{ name: settings, key: log_level, optional: true }");
    expect(findingsOf(RULE, optional).map((f) => f.path)).not.toContain(
      "/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/name",
    );
  });

  it("accepts ConfigMaps the configuration declares external", () => {
    const external = ["settings", "defaults", "files", "ca-bundle"].map((name) => ({ kind: "ConfigMap", name }));
    expect(withExternal(pod, external)).toEqual([]);
  });

  it("knows kube-root-ca.crt, which Kubernetes publishes into every namespace, and its one key", () => {
    const rootCa = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: client, namespace: payments }
      spec:
        containers:
          - name: client
            image: client:1
            env:
              - name: CA
                valueFrom:
                  configMapKeyRef: { name: kube-root-ca.crt, key: ca.crt }
        volumes:
          - name: ca
            projected:
              sources:
                - configMap: { name: kube-root-ca.crt, items: [{ key: ca.crt, path: ca.crt }] }
          - name: whole
            configMap: { name: kube-root-ca.crt }
    `;
    expect(findingsOf(RULE, rootCa)).toEqual([]);
    const wrongKey = rootCa.replace("{ name: kube-root-ca.crt, key: ca.crt }", "{ name: kube-root-ca.crt, key: ca.pem }");
    expect(findingsOf(RULE, wrongKey).map((f) => f.message)).toEqual([
      'container "client" (env CA) needs key "ca.pem" of ConfigMap "kube-root-ca.crt", which has only "ca.crt": the container cannot start (CreateContainerConfigError)',
    ]);
  });

  it("honours the plumbline ignore annotation", () => {
    const text = pod.replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { plumbline.dev/ignore: "configmap-ref-missing" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
