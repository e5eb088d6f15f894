import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "service-target-port-unknown";

function deployment(ports: string, name = "web", labels = "{ app: web }"): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ${name} }
    spec:
      selector: { matchLabels: ${labels} }
      template:
        metadata: { labels: ${labels} }
        spec:
          containers:
            - name: app
              image: app:1
              ports: ${ports}
  `;
}

function service(ports: string): string {
  return yaml`
    apiVersion: v1
    kind: Service
    metadata: { name: web }
    spec:
      selector: { app: web }
      ports:
        ${ports}
  `;
}

const join = (...docs: string[]) => docs.join("---\n");

describe(RULE, () => {
  it("fires at a targetPort name no container declares, listing the names there are", () => {
    const svc = service("- { name: http, port: 80, targetPort: htp }");
    const findings = findingsOf(
      RULE,
      join(deployment("[{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }]"), svc),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/ports/0/targetPort" });
    expect(findings[0]?.message).toBe(
      'port "http" targets the port named "htp", which no container of Deployment "web" declares (named ports: "http", "metrics"); the Service has no endpoints for it',
    );
  });

  it("notes a number the containers do not declare when they declare their ports, as info: they may listen there undeclared", () => {
    const text = join(deployment("[{ containerPort: 8080 }]"), service("- { port: 80, targetPort: 8000 }"));
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({
      severity: "info",
      path: "/spec/ports/0/targetPort",
      ...positionOf(text, "targetPort: 8000"),
    });
    expect(finding?.message).toBe(
      'port 80 targets port 8000, but the containers of Deployment "web" declare only 8080; if the application listens there undeclared, list the port in the container',
    );
  });

  it("reads a missing targetPort as the port itself", () => {
    const text = join(deployment("[{ containerPort: 8080 }]"), service("- port: 80"));
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ path: "/spec/ports/0/port", ...positionOf(text, "port: 80") });
    expect(finding?.message).toBe(
      'port 80 has no targetPort, so it targets port 80, but the containers of Deployment "web" declare only 8080; if the application listens there undeclared, list the port in the container',
    );
  });

  it("stays silent when the port is declared by name or number, or the containers list no ports", () => {
    const pod = deployment("[{ name: http, containerPort: 8080 }]");
    expect(findingsOf(RULE, join(pod, service("- { port: 80, targetPort: http }\n- { port: 8080 }")))).toEqual([]);
    expect(findingsOf(RULE, join(deployment("[]"), service("- { port: 80, targetPort: 8000 }")))).toEqual([]);
  });

  it("accepts a port that any of several selected workloads declares, and sidecars' ports", () => {
    const canary = deployment("[{ name: http-next, containerPort: 8081 }]", "web-canary", "{ app: web, track: canary }");
    expect(
      findingsOf(
        RULE,
        join(deployment("[{ name: http, containerPort: 8080 }]"), canary, service("- { port: 80, targetPort: http-next }")),
      ),
    ).toEqual([]);
    const sidecar = deployment("[]").replace(
      "containers:",
      "initContainers:\n        - { name: proxy, image: p:1, restartPolicy: Always, ports: [{ name: proxy, containerPort: 15001 }] }\n      containers:",
    );
    expect(findingsOf(RULE, join(sidecar, service("- { port: 80, targetPort: proxy }")))).toEqual([]);
  });

  it("leaves Services that select nothing to service-selector-matches-nothing", () => {
    const text = join(
      deployment("[{ containerPort: 8080 }]", "api", "{ app: api }"),
      service("- { port: 80, targetPort: nope }"),
    );
    expect(findingsOf(RULE, text)).toEqual([]);
    expect(findingsOf("service-selector-matches-nothing", text)).toHaveLength(1);
  });

  it("honours the plumbline ignore annotation", () => {
    const text = join(deployment("[{ containerPort: 8080 }]"), service("- { port: 80, targetPort: 9000 }")).replace(
      "metadata: { name: web }\nspec:\n  selector: { app: web }",
      'metadata: { name: web, annotations: { plumbline.dev/ignore: "service-target-port-unknown" } }\nspec:\n  selector: { app: web }',
    );
    expect(text).toContain("plumbline.dev/ignore");
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
