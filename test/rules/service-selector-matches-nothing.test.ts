import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";
import { serviceSelectorMatchesNothing } from "../../src/rules/links/service-selector-matches-nothing.js";
import { corpusFile, findingsAlone, itWithCorpus, lintSet, positionOf, yaml } from "./helpers.js";

const RULE = "service-selector-matches-nothing";

function deployment(name: string, labels: string, namespace = "shop"): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ${name}, namespace: ${namespace} }
    spec:
      selector: { matchLabels: ${labels} }
      template:
        metadata: { labels: ${labels} }
        spec:
          containers: [{ name: app, image: app:1 }]
  `;
}

function service(selector: string, namespace = "shop", extra = ""): string {
  return yaml`
    apiVersion: v1
    kind: Service
    metadata: { name: web, namespace: ${namespace} }
    spec:
      ${extra}selector: ${selector}
      ports: [{ port: 80 }]
  `;
}

const join = (...docs: string[]) => docs.join("---\n");

describe(RULE, () => {
  it("stays silent when no workload of the namespace has pods sharing a label key or value with it (a chart installed by hand)", () => {
    const text = join(
      deployment("adapter", "{ app: prometheus-adapter }"),
      service("{ app.kubernetes.io/name: gpu-dcgm-exporter }"),
    );
    expect(findingsAlone(serviceSelectorMatchesNothing, text)).toEqual([]);
    // sharing the key is evidence enough: a typo in the value is still reported
    expect(
      findingsAlone(
        serviceSelectorMatchesNothing,
        join(deployment("adapter", "{ app: prometheus-adapter }"), service("{ app: prometheus-adaptor }")),
      ),
    ).toHaveLength(1);
  });

  it("stays silent when a template skipped unread sits beside it, since the pods may be in it", () => {
    const text = join(
      deployment("guestbook", "{ app: vitess, component: guestbook }"),
      service("{ app: vitess, component: vtgate }"),
    );
    const withTemplateIn = (dir: string) => {
      const { resources } = parseManifestText(text, "vitess/vtgate-service.yaml", "s");
      const template = {
        kind: "template" as const,
        file: `${dir}/vtgate-controller-template.yaml`,
        line: 1,
        column: 1,
        message: "skipped",
      };
      return lintSet({ resources, problems: [template], files: [] }, { catalogue: { rules: [serviceSelectorMatchesNothing] } });
    };
    expect(withTemplateIn("vitess")).toEqual([]);
    expect(withTemplateIn("elsewhere")).toHaveLength(1);
  });

  it("fires at the selector when no workload's pods match, naming the closest one", () => {
    const text = join(
      deployment("web", "{ app: web, tier: front }"),
      deployment("db", "{ app: db }"),
      service("{ app: web-app, tier: front }"),
    );
    const findings = findingsAlone(serviceSelectorMatchesNothing, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/selector",
      ...positionOf(text, "selector: { app: web-app"),
    });
    expect(findings[0]?.message).toBe(
      'selector app=web-app, tier=front matches none of the pods of the 2 workloads in namespace "shop" in these manifests, so the Service has no endpoints; Deployment "web"\'s pods have app=web',
    );
  });

  it("points at the namespace when the pods live in another one", () => {
    const [finding] = findingsAlone(
      serviceSelectorMatchesNothing,
      join(deployment("web", "{ app: web }", "shop"), service("{ app: web }", "front")),
    );
    expect(finding?.message).toBe(
      'selector app=web matches no pods in namespace "front"; Deployment "web" in namespace "shop" has matching pods, but a Service only reaches pods in its own namespace',
    );
  });

  it("stays silent when a workload's pods match, a subset of labels being enough", () => {
    expect(
      findingsAlone(serviceSelectorMatchesNothing, join(deployment("web", "{ app: web, tier: front }"), service("{ app: web }"))),
    ).toEqual([]);
  });

  it("stays silent when the namespace has no workloads here: the pods are defined elsewhere", () => {
    expect(
      findingsAlone(
        serviceSelectorMatchesNothing,
        join(deployment("web", "{ app: web }", "other"), service("{ app: operator-pods }")),
      ),
    ).toEqual([]);
  });

  it("counts pods of custom controllers with a pod template (Argo Rollouts)", () => {
    const rollout = yaml`
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: { name: web, namespace: shop }
      spec:
        template:
          metadata: { labels: { app: web } }
          spec:
            containers: [{ name: app, image: app:1 }]
    `;
    expect(
      findingsAlone(serviceSelectorMatchesNothing, join(deployment("db", "{ app: db }"), rollout, service("{ app: web }"))),
    ).toEqual([]);
  });

  it("counts labels the controller adds to each pod as met, for the kinds that add them", () => {
    const kafka = deployment("kafka", "{ app: kafka }").replace("kind: Deployment", "kind: StatefulSet");
    // a Service per broker, for clients that must reach one given pod
    const perPod = service("{ app: kafka, statefulset.kubernetes.io/pod-name: kafka-0 }");
    expect(findingsAlone(serviceSelectorMatchesNothing, join(kafka, perPod))).toEqual([]);
    expect(
      findingsAlone(serviceSelectorMatchesNothing, join(kafka, service("{ app: kafka, apps.kubernetes.io/pod-index: '0' }"))),
    ).toEqual([]);
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: migrate, namespace: shop }
      spec:
        template:
          metadata: { labels: { app: migrate } }
          spec:
            restartPolicy: Never
            containers: [{ name: app, image: app:1 }]
    `;
    expect(findingsAlone(serviceSelectorMatchesNothing, join(job, service("{ batch.kubernetes.io/job-name: migrate }")))).toEqual(
      [],
    );
    expect(
      findingsAlone(
        serviceSelectorMatchesNothing,
        join(deployment("web", "{ app: web }"), service("{ app: web, pod-template-hash: 7d9c8b }")),
      ),
    ).toEqual([]);
    // a Deployment's pods get no StatefulSet labels, and a label is only open for the key the controller adds
    expect(findingsAlone(serviceSelectorMatchesNothing, join(deployment("kafka", "{ app: kafka }"), perPod))).toHaveLength(1);
    expect(
      findingsAlone(
        serviceSelectorMatchesNothing,
        join(kafka, service("{ app: kafka-broker, statefulset.kubernetes.io/pod-name: kafka-0 }")),
      ),
    ).toHaveLength(1);
  });

  it("ignores Services without a selector and ExternalName Services", () => {
    const manual = "apiVersion: v1\nkind: Service\nmetadata: { name: m, namespace: shop }\nspec: { ports: [{ port: 80 }] }\n";
    expect(findingsAlone(serviceSelectorMatchesNothing, join(deployment("db", "{ app: db }"), manual))).toEqual([]);
    expect(
      findingsAlone(
        serviceSelectorMatchesNothing,
        join(
          deployment("db", "{ app: db }"),
          service("{ app: x }", "shop", "type: ExternalName\n  externalName: example.com\n  "),
        ),
      ),
    ).toEqual([]);
  });

  it("honours kube-linter's ignore annotation", () => {
    const text = join(deployment("db", "{ app: db }"), service("{ app: web }")).replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { ignore-check.kube-linter.io/dangling-service: "pods made by the operator" } }',
    );
    expect(findingsAlone(serviceSelectorMatchesNothing, text)).toEqual([]);
  });

  itWithCorpus("agrees with kube-score's service-targets-pod fixtures", () => {
    const dir = "kube-score/score/testdata";
    for (const file of [
      "service-not-target-deployment.yaml",
      "service-not-target-pod.yaml",
      "service-target-pod-different-namespace.yaml",
    ]) {
      expect(findingsAlone(serviceSelectorMatchesNothing, corpusFile(`${dir}/${file}`)), file).toHaveLength(1);
    }
    for (const file of ["service-target-deployment.yaml", "service-target-pod-multi-label.yaml", "service-externalname.yaml"]) {
      expect(findingsAlone(serviceSelectorMatchesNothing, corpusFile(`${dir}/${file}`)), file).toEqual([]);
    }
  });
});
