import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";
import { runRules } from "../../src/rules/engine.js";
import { findingsOf, lintFiles, positionOf, yaml } from "./helpers.js";

const RULE = "namespace-missing";

const text = yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    namespace: payments
  data: { a: b }
`;

function withNamespaces(manifest: string, namespaces: string[]) {
  const { resources, problems } = parseManifestText(manifest, "app.yaml", "dir:.");
  return runRules(
    { resources, problems, files: ["app.yaml"] },
    { kubernetesVersion: "1.33", external: { namespaces, resources: [] } },
  ).filter((finding) => finding.rule === RULE);
}

describe(RULE, () => {
  it("fires as info at metadata.namespace when no Namespace object declares it", () => {
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "info",
      path: "/metadata/namespace",
      ...positionOf(text, "namespace: payments"),
    });
    expect(findings[0]?.message).toBe(
      'namespace "payments" has no Namespace object in these manifests, so applying ConfigMap "settings" fails unless it exists; declare it, or list it under external.namespaces if it is created elsewhere',
    );
  });

  it("stays silent when the Namespace is declared, configured as external, or built in", () => {
    expect(findingsOf(RULE, `${text}---\napiVersion: v1\nkind: Namespace\nmetadata: { name: payments }\n`)).toEqual([]);
    expect(withNamespaces(text, ["payments"])).toEqual([]);
    expect(findingsOf(RULE, text.replace("payments", "kube-system"))).toEqual([]);
    expect(findingsOf(RULE, text.replace("  namespace: payments\n", ""))).toEqual([]);
  });

  it("ignores a namespace written on a cluster-scoped object", () => {
    const role =
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r, namespace: payments }\nrules: []\n";
    expect(findingsOf(RULE, role)).toEqual([]);
  });

  it("honours the plumbline ignore annotation", () => {
    const annotated = text.replace(
      "  name: settings\n",
      '  name: settings\n  annotations: { plumbline.dev/ignore: "namespace-missing" }\n',
    );
    expect(annotated).toContain("plumbline.dev/ignore");
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });
});

describe(`${RULE}: namespaces created outside the objects' own folder`, () => {
  it("counts flux-system as created by Flux bootstrap when Flux objects live there", () => {
    const flux = yaml`
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata: { name: apps, namespace: flux-system }
      spec: { path: ./apps, prune: true, sourceRef: { kind: GitRepository, name: flux-system } }
    `;
    expect(findingsOf(RULE, flux)).toEqual([]);
    const configMapThere = text.replace("payments", "flux-system");
    expect(findingsOf(RULE, configMapThere)).toHaveLength(1);
  });
});

describe(`${RULE}: one finding per missing namespace`, () => {
  it("reports the first object of the namespace only, counting the others", () => {
    const second = text.replace("name: settings", "name: more");
    const third = text.replace("name: settings", "name: again");
    const findings = lintFiles({ "monitoring/a.yaml": text, "monitoring/b.yaml": `${second}---\n${third}` }).filter(
      (f) => f.rule === RULE,
    );
    expect(findings.map((f) => f.file)).toEqual(["monitoring/a.yaml"]);
    expect(findings[0]?.message).toBe(
      'namespace "payments" has no Namespace object in these manifests, so applying ConfigMap "settings" fails unless it exists, nor can the 2 other objects in it; declare it, or list it under external.namespaces if it is created elsewhere',
    );
  });

  it("says it once across the plain folders of a run, whichever folder is judged", () => {
    const findings = lintFiles({ "apps/a/cm.yaml": text, "apps/b/cm.yaml": text.replace("name: settings", "name: other") });
    expect(findings.filter((f) => f.rule === RULE).map((f) => f.file)).toEqual(["apps/a/cm.yaml"]);
  });
});
