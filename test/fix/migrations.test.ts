import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/edit/line-diff.js";
import { checkText, fixText, linesAFixMayTouch, newFindings, readObjects, rewrittenLines, yaml } from "./helpers.js";

/** The api-version finding of a text, at a target version. */
function apiFinding(text: string, kubernetesVersion?: string) {
  const { findings } = checkText(text, kubernetesVersion ? { kubernetesVersion } : {});
  return findings.find((finding) => finding.rule === "api-removed" || finding.rule === "api-deprecated");
}

/** What a migration must always hold to: valid result, finding gone, nothing new, narrow edits, comments kept. */
function expectCleanMigration(text: string, kubernetesVersion?: string) {
  const fixed = fixText(text, kubernetesVersion ? { kubernetesVersion } : {});
  const rules = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);
  expect(rules(fixed.before.findings)).toContain("api-removed");
  expect(rules(fixed.after.findings)).not.toContain("api-removed");
  expect(rules(fixed.after.findings)).not.toContain("api-deprecated");
  expect(fixed.after.findings.filter((finding) => finding.rule === "schema-invalid")).toEqual([]);
  expect(newFindings(fixed.before.findings, fixed.after.findings)).toEqual([]);
  const mayTouch = linesAFixMayTouch(text, readObjects(fixed.text));
  for (const line of rewrittenLines(diffLines(text, fixed.text))) expect(mayTouch, `line ${line}`).toContain(line);
  const comments = text.split("\n").filter((line) => /^\s*#/.test(line));
  for (const comment of comments) expect(fixed.text.split("\n")).toContain(comment);
  return fixed;
}

const HPA_V2BETA1 = yaml`
  # Autoscaling for the web tier
  apiVersion: autoscaling/v2beta1
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
    namespace: shop
  spec:
    scaleTargetRef:
      apiVersion: apps/v1
      kind: Deployment
      name: web
    minReplicas: 2 # never fewer
    maxReplicas: 10
    metrics:
      # CPU first: it is what the requests are sized for
      - type: Resource
        resource:
          name: cpu
          targetAverageUtilization: 70
      - type: Resource
        resource:
          name: memory
          targetAverageValue: 500Mi
      - type: ContainerResource
        containerResource:
          name: cpu
          container: sidecar
          targetAverageUtilization: 90
      - type: Pods
        pods:
          metricName: packets-per-second
          targetAverageValue: 1k
          selector:
            matchLabels:
              verb: GET
      - type: Object
        object:
          target:
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            name: main-route
          metricName: requests-per-second
          targetValue: 10k
      - type: Object
        object:
          target:
            kind: Service
            name: web
          metricName: connections
          targetValue: 100
          averageValue: 20
      - type: External
        external:
          metricName: queue_messages_ready
          metricSelector:
            matchLabels:
              queue: worker_tasks
          targetAverageValue: "30"
      - type: External
        external:
          metricName: backlog
          targetValue: 500
`;

describe("autoscaling/v2beta1 HorizontalPodAutoscaler → autoscaling/v2", () => {
  it("moves every metric's target into v2's shape, as the API server converts it", () => {
    const fixed = expectCleanMigration(HPA_V2BETA1);
    const [hpa] = readObjects(fixed.text) as Array<{ apiVersion: string; spec: { metrics: unknown[] } }>;
    expect(hpa?.apiVersion).toBe("autoscaling/v2");
    expect(hpa?.spec.metrics).toEqual([
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
      { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "500Mi" } } },
      {
        type: "ContainerResource",
        containerResource: { name: "cpu", container: "sidecar", target: { type: "Utilization", averageUtilization: 90 } },
      },
      {
        type: "Pods",
        pods: {
          metric: { name: "packets-per-second", selector: { matchLabels: { verb: "GET" } } },
          target: { type: "AverageValue", averageValue: "1k" },
        },
      },
      {
        type: "Object",
        object: {
          describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "main-route" },
          metric: { name: "requests-per-second" },
          target: { type: "Value", value: "10k" },
        },
      },
      {
        type: "Object",
        object: {
          describedObject: { kind: "Service", name: "web" },
          metric: { name: "connections" },
          target: { type: "AverageValue", averageValue: 20 },
        },
      },
      {
        type: "External",
        external: {
          metric: { name: "queue_messages_ready", selector: { matchLabels: { queue: "worker_tasks" } } },
          target: { type: "AverageValue", averageValue: "30" },
        },
      },
      { type: "External", external: { metric: { name: "backlog" }, target: { type: "Value", value: 500 } } },
    ]);
  });

  it("keeps the comments, the quoting and everything it does not move", () => {
    const fixed = fixText(HPA_V2BETA1);
    expect(fixed.text).toContain("# Autoscaling for the web tier\napiVersion: autoscaling/v2\n");
    expect(fixed.text).toContain("  minReplicas: 2 # never fewer\n");
    expect(fixed.text).toContain("    # CPU first: it is what the requests are sized for\n");
    expect(fixed.text).toContain(
      "      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 70\n",
    );
  });

  it("withholds the fix where v2beta1 itself would have refused the metric", () => {
    const hpa = (metric: string) =>
      yaml`
        apiVersion: autoscaling/v2beta1
        kind: HorizontalPodAutoscaler
        metadata: { name: web }
        spec:
          scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
          maxReplicas: 3
          metrics: [${metric}]
      `;
    const withheld = [
      "{ type: Resource, resource: { name: cpu, targetAverageUtilization: 70, targetAverageValue: 1 } }",
      "{ type: Resource, resource: { name: cpu } }",
      "{ type: Resource, resource: { name: cpu, targetAverageUtilization: 70 }, pods: { metricName: x, targetAverageValue: 1 } }",
      "{ type: Pods, pods: { targetAverageValue: 1 } }",
      "{ type: Object, object: { metricName: rps, targetValue: 10 } }",
      "{ type: External, external: { metricName: q, targetValue: 1, targetAverageValue: 1 } }",
      "{ type: Mystery, mystery: {} }",
    ];
    for (const metric of withheld) {
      const finding = apiFinding(hpa(metric));
      expect(finding, metric).toBeDefined();
      expect(finding?.fix, metric).toBeUndefined();
    }
    expect(apiFinding(hpa("{ type: Resource, resource: { name: cpu, targetAverageUtilization: 70 } }"))?.fix).toBeDefined();
  });

  it("bumps only the apiVersion of an HPA without metrics (v2 defaults to the same 80% CPU)", () => {
    const text = yaml`
      apiVersion: autoscaling/v2beta1
      kind: HorizontalPodAutoscaler
      metadata: { name: web }
      spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }, maxReplicas: 3 }
    `;
    expect(apiFinding(text)?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "autoscaling/v2" }]);
  });

  it("offers nothing before the target version serves autoscaling/v2 (1.23)", () => {
    const finding = apiFinding(HPA_V2BETA1, "1.22");
    expect(finding?.rule).toBe("api-deprecated");
    expect(finding?.fix).toBeUndefined();
    expect(apiFinding(HPA_V2BETA1, "1.23")?.fix).toBeDefined();
  });
});

const INGRESS_V1BETA1 = yaml`
  # The public entry point
  apiVersion: extensions/v1beta1
  kind: Ingress
  metadata:
    name: shop
    namespace: shop
    annotations:
      kubernetes.io/ingress.class: "nginx" # the old way to pick a class
  spec:
    backend:
      serviceName: fallback
      servicePort: 8080
    tls:
      - hosts: [shop.example.com]
        secretName: shop-tls
    rules:
      - host: shop.example.com
        http:
          paths:
            # the storefront
            - path: /
              backend:
                serviceName: frontend
                servicePort: http
            - path: /api
              pathType: Prefix
              backend:
                serviceName: api
                servicePort: 80 # the Service port, not the container's
      - host: admin.example.com
        http:
          paths:
            - backend:
                serviceName: admin
                servicePort: 443
`;

describe("Ingress v1beta1 → networking.k8s.io/v1", () => {
  it("moves every backend to service.name/port, spec.backend to defaultBackend, and keeps the paths' semantics", () => {
    const fixed = expectCleanMigration(INGRESS_V1BETA1);
    const [ingress] = readObjects(fixed.text) as Array<{ apiVersion: string; spec: Record<string, unknown> }>;
    expect(ingress?.apiVersion).toBe("networking.k8s.io/v1");
    expect(ingress?.spec).toEqual({
      tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
      rules: [
        {
          host: "shop.example.com",
          http: {
            paths: [
              {
                path: "/",
                backend: { service: { name: "frontend", port: { name: "http" } } },
                pathType: "ImplementationSpecific",
              },
              { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 80 } } } },
            ],
          },
        },
        {
          host: "admin.example.com",
          http: {
            paths: [{ backend: { service: { name: "admin", port: { number: 443 } } }, pathType: "ImplementationSpecific" }],
          },
        },
      ],
      defaultBackend: { service: { name: "fallback", port: { number: 8080 } } },
    });
  });

  it("keeps comments, quoting and the untouched keys as written", () => {
    const fixed = fixText(INGRESS_V1BETA1);
    expect(fixed.text).toContain('    kubernetes.io/ingress.class: "nginx" # the old way to pick a class\n');
    expect(fixed.text).toContain("          # the storefront\n          - path: /\n");
    expect(fixed.text).toContain("            pathType: Prefix\n");
    expect(fixed.text).toContain("    - hosts: [shop.example.com]\n");
  });

  it("migrates networking.k8s.io/v1beta1 the same way and leaves resource backends as they are", () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata:
        name: assets
      spec:
        rules:
          - http:
              paths:
                - path: /static
                  pathType: Exact
                  backend:
                    resource:
                      apiGroup: k8s.example.com
                      kind: StorageBucket
                      name: static-assets
                - path: /
                  backend:
                    serviceName: web
                    servicePort: 80
    `;
    const fixed = expectCleanMigration(text);
    const [ingress] = readObjects(fixed.text) as Array<{ spec: { rules: Array<{ http: { paths: unknown[] } }> } }>;
    expect(ingress?.spec.rules[0]?.http.paths).toEqual([
      {
        path: "/static",
        pathType: "Exact",
        backend: { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "static-assets" } },
      },
      { path: "/", backend: { service: { name: "web", port: { number: 80 } } }, pathType: "ImplementationSpecific" },
    ]);
  });

  it("withholds the fix where the backend is not one v1beta1 accepted", () => {
    const ingress = (backend: string, extra = "") =>
      yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata: { name: web }
        spec:
          ${extra}
          rules: [{ http: { paths: [{ path: /, backend: ${backend} }] } }]
      `;
    const withheld = [
      ingress('{ serviceName: web, servicePort: "80" }'),
      ingress("{ servicePort: 80 }"),
      ingress("{ serviceName: web }"),
      ingress("{}"),
      ingress("{ serviceName: web, servicePort: 80 }", "defaultBackend: { service: { name: web, port: { number: 80 } } }"),
    ];
    for (const text of withheld) {
      const finding = apiFinding(text);
      expect(finding, text).toBeDefined();
      expect(finding?.fix, text).toBeUndefined();
    }
    expect(apiFinding(ingress("{ serviceName: web, servicePort: 80 }"))?.fix).toBeDefined();
  });

  it("offers nothing before the target version serves networking.k8s.io/v1 (1.19)", () => {
    expect(apiFinding(INGRESS_V1BETA1, "1.18")?.fix).toBeUndefined();
    expect(apiFinding(INGRESS_V1BETA1, "1.19")?.fix).toBeDefined();
  });
});

describe("apiVersion-only moves", () => {
  const object = (apiVersion: string, kind: string, body = "") =>
    yaml`
      apiVersion: ${apiVersion}
      kind: ${kind}
      metadata:
        name: x
      ${body}
    `;

  it("get their fix where the data gives no replacementAvailableIn (the replacement came by the deprecation)", () => {
    const cases: Array<[string, string, string, string]> = [
      ["rbac.authorization.k8s.io/v1beta1", "ClusterRole", "rules: []", "rbac.authorization.k8s.io/v1"],
      [
        "rbac.authorization.k8s.io/v1beta1",
        "RoleBinding",
        "roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: r }",
        "rbac.authorization.k8s.io/v1",
      ],
      ["scheduling.k8s.io/v1alpha1", "PriorityClass", "value: 1000", "scheduling.k8s.io/v1"],
    ];
    for (const [apiVersion, kind, body, replacement] of cases) {
      const finding = apiFinding(object(apiVersion, kind, body));
      expect(finding?.fix, `${apiVersion} ${kind}`).toEqual([{ op: "replace", path: "/apiVersion", value: replacement }]);
    }
  });

  it("moves autoscaling/v2beta2, whose fields v2 kept, by its apiVersion alone", () => {
    const text = object(
      "autoscaling/v2beta2",
      "HorizontalPodAutoscaler",
      yaml`
        spec:
          scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
          maxReplicas: 3
          metrics:
            - type: Resource
              resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
      `.replace(/\n/g, "\n      "),
    );
    expect(apiFinding(text, "1.23")?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "autoscaling/v2" }]);
    const fixed = expectCleanMigration(text);
    expect(fixed.text).toBe(text.replace("autoscaling/v2beta2", "autoscaling/v2"));
  });

  it("moves VolumeAttributesClass to storage.k8s.io/v1 once it is served (1.34)", () => {
    const text = object("storage.k8s.io/v1beta1", "VolumeAttributesClass", "driverName: csi.example.com");
    expect(apiFinding(text, "1.34")?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "storage.k8s.io/v1" }]);
    const alpha = object("storage.k8s.io/v1alpha1", "VolumeAttributesClass", "driverName: csi.example.com");
    expect(apiFinding(alpha, "1.33")?.fix).toBeUndefined();
    expect(apiFinding(alpha, "1.34")?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "storage.k8s.io/v1" }]);
  });

  it("still withholds the PodDisruptionBudget move when the selector is empty", () => {
    const empty = object("policy/v1beta1", "PodDisruptionBudget", "spec: { minAvailable: 1, selector: {} }");
    expect(apiFinding(empty)?.fix).toBeUndefined();
    const some = object(
      "policy/v1beta1",
      "PodDisruptionBudget",
      "spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }",
    );
    expect(apiFinding(some)?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "policy/v1" }]);
  });

  it("leaves moves that change fields' meaning to people", () => {
    expect(apiFinding(object("apps/v1beta2", "Deployment", "spec: {}"))?.fix).toBeUndefined();
    expect(apiFinding(object("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "spec: {}"))?.fix).toBeUndefined();
    expect(apiFinding(object("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "spec: {}"))?.fix).toBeUndefined();
  });
});
