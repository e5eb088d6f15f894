import { describe, expect, it } from "vitest";
import type { ExternalResource } from "../../src/config/config.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { runRules } from "../../src/rules/engine.js";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "ingress-backend-missing";

const service = yaml`
  apiVersion: v1
  kind: Service
  metadata: { name: web, namespace: shop }
  spec:
    selector: { app: web }
    ports:
      - { name: http, port: 80 }
      - { port: 9090 }
`;

function ingress(backend: string, apiVersion = "networking.k8s.io/v1"): string {
  return yaml`
    ---
    apiVersion: ${apiVersion}
    kind: Ingress
    metadata: { name: web, namespace: shop }
    spec:
      rules:
        - http:
            paths:
              - path: /
                pathType: Prefix
                backend: ${backend}
  `;
}

function withExternal(text: string, resources: ExternalResource[]) {
  const { resources: parsed, problems } = parseManifestText(text, "app.yaml", "dir:.");
  return runRules(
    { resources: parsed, problems, files: ["app.yaml"] },
    { kubernetesVersion: "1.33", external: { namespaces: [], resources } },
  ).filter((finding) => finding.rule === RULE);
}

describe(RULE, () => {
  it("fires at the Service name when the Service is not in these manifests", () => {
    const text = service + ingress("{ service: { name: api, port: { number: 80 } } }");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/rules/0/http/paths/0/backend/service/name",
      ...positionOf(text, "name: api"),
    });
    expect(findings[0]?.message).toContain('backend Service "api" is not found in these manifests (namespace "shop")');
  });

  it("fires at the port when the Service does not expose it, by number or by name", () => {
    const [number] = findingsOf(RULE, service + ingress("{ service: { name: web, port: { number: 8080 } } }"));
    expect(number).toMatchObject({ path: "/spec/rules/0/http/paths/0/backend/service/port/number" });
    expect(number?.message).toBe('Service "web" has no port 8080; it exposes 80 ("http"), 9090');
    const [name] = findingsOf(RULE, service + ingress("{ service: { name: web, port: { name: https } } }"));
    expect(name?.message).toBe('Service "web" has no port named "https"; it exposes 80 ("http"), 9090');
  });

  it("stays silent for backends that resolve, by number or name, and for resource backends", () => {
    expect(findingsOf(RULE, service + ingress("{ service: { name: web, port: { number: 9090 } } }"))).toEqual([]);
    expect(findingsOf(RULE, service + ingress("{ service: { name: web, port: { name: http } } }"))).toEqual([]);
    expect(findingsOf(RULE, service + ingress("{ resource: { apiGroup: example.com, kind: Bucket, name: assets } }"))).toEqual(
      [],
    );
  });

  it("checks the default backend too", () => {
    const text = `${service}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: d, namespace: shop }\nspec:\n  defaultBackend: { service: { name: gone, port: { number: 80 } } }\n`;
    expect(findingsOf(RULE, text).map((f) => f.path)).toEqual(["/spec/defaultBackend/service/name"]);
  });

  it("reads the v1beta1 spelling in the old APIs, and reports it in networking.k8s.io/v1", () => {
    const old = service + ingress("{ serviceName: web, servicePort: 8080 }", "networking.k8s.io/v1beta1");
    expect(findingsOf(RULE, old).map((f) => f.path)).toEqual(["/spec/rules/0/http/paths/0/backend/servicePort"]);
    expect(findingsOf(RULE, service + ingress("{ serviceName: web, servicePort: http }", "extensions/v1beta1"))).toEqual([]);
    const [mixed] = findingsOf(RULE, service + ingress("{ serviceName: web, servicePort: http }"));
    expect(mixed).toMatchObject({ path: "/spec/rules/0/http/paths/0/backend" });
    expect(mixed?.message).toContain(
      "serviceName/servicePort, the v1beta1 spelling, so in networking.k8s.io/v1 it names no Service",
    );
  });

  it("accepts a Service declared external in the configuration", () => {
    const text = ingress("{ service: { name: shared-gateway, port: { number: 80 } } }");
    expect(withExternal(text, [])).toHaveLength(1);
    expect(withExternal(text, [{ kind: "Service", name: "shared-gateway", namespace: "shop" }])).toEqual([]);
  });

  it("honours kube-score's ignore annotation", () => {
    const text = ingress("{ service: { name: api, port: { number: 80 } } }").replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { kube-score/ignore: "ingress-targets-service" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's dangling-ingress fixture, object by object", () => {
    const findings = findingsOf(RULE, corpusFile("kube-linter/tests/checks/dangling-ingress.yml"));
    expect(findings.map((f) => f.resource.name)).toEqual(["missing-service", "bad-port"]);
  });
});
