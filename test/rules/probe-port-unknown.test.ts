import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "probe-port-unknown";

function pod(containers: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
${containers}
  `;
}

describe(RULE, () => {
  it("fires on a named port the container does not declare, at the port", () => {
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
                ports: [{ name: web, containerPort: 8080 }]
                livenessProbe:
                  httpGet: { path: /healthz, port: http }
    `;
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/template/spec/containers/0/livenessProbe/httpGet/port",
      ...positionOf(text, "port: http"),
    });
    expect(findings[0]?.message).toBe(
      'container "web" liveness probe uses port name "http", which the container does not declare, so the kubelet cannot resolve it and the probe fails and the container is restarted over and over; add it to the container\'s ports or use the number',
    );
  });

  it("fires on a named port when the container declares no ports at all, whatever the probe", () => {
    const text = pod(`
        - name: app
          image: app:1
          readinessProbe: { tcpSocket: { port: admin } }
          startupProbe: { httpGet: { path: /, port: admin } }
    `);
    const messages = findingsOf(RULE, text).map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('readiness probe uses port name "admin"');
    expect(messages[0]).toContain("the pod never receives traffic");
    expect(messages[1]).toContain("restarted before it ever starts");
  });

  it("stays silent on a number when the container declares no ports: apps listen on undeclared ports", () => {
    const text = pod(`
        - name: app
          image: app:1
          livenessProbe: { httpGet: { path: /, port: 8080 } }
    `);
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("stays silent on a number the declared ports do not include: declared ports are informational", () => {
    // Elasticsearch declares only its transport port and serves HTTP, probed here, on 9200
    const text = pod(`
        - name: elasticsearch
          image: elasticsearch:8.15.0
          ports: [{ name: transport, containerPort: 9300 }]
          readinessProbe: { httpGet: { path: /_cluster/health, port: 9200 } }
    `);
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("flags a number another container of the pod declares: the probe checks that container", () => {
    const text = pod(`
        - name: app
          image: app:1
          livenessProbe: { httpGet: { path: /healthz, port: 9901 } }
        - name: envoy
          image: envoy:1
          ports: [{ name: admin, containerPort: 9901 }]
    `);
    expect(findingsOf(RULE, text)[0]?.message).toBe(
      'container "app" liveness probe checks port 9901, which container "envoy" declares: the probe tests that container, not this one; point it at a port this container serves',
    );
  });

  it("accepts a sidecar that answers for the container, as a mesh's rewritten probes do", () => {
    const text = pod(`
        - name: app
          image: app:1
          ports: [{ containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /app-health/app/readyz, port: 15020 } }
        - name: istio-proxy
          image: proxy:1
          ports: [{ name: http-envoy-prom, containerPort: 15020 }]
    `);
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("matches declared ports by name and number, a digit string as its number", () => {
    const text = pod(`
        - name: app
          image: app:1
          ports: [{ name: http, containerPort: 8080 }]
          livenessProbe: { httpGet: { path: /, port: http } }
          readinessProbe: { httpGet: { path: /, port: 8080 } }
          startupProbe: { tcpSocket: { port: "8080" } }
    `);
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("flags a port declared only for UDP: probes connect over TCP", () => {
    const text = pod(`
        - name: dns
          image: dns:1
          ports: [{ name: dns, containerPort: 53, protocol: UDP }]
          livenessProbe: { tcpSocket: { port: dns } }
    `);
    expect(findingsOf(RULE, text)[0]?.message).toBe(
      'container "dns" liveness probe checks port 53 (dns), which the container declares for UDP only, but probes connect over TCP: unless the app also listens on TCP there, the probe fails and the container is restarted over and over; probe a TCP port',
    );
    const both = text
      .replace("protocol: UDP }]", "protocol: UDP }, { name: dns-tcp, containerPort: 53 }]")
      .replace("port: dns }", "port: 53 }");
    expect(findingsOf(RULE, both)).toEqual([]);
  });

  it("leaves probes of another host and exec probes alone", () => {
    const text = pod(`
        - name: app
          image: app:1
          ports: [{ containerPort: 8080 }]
          livenessProbe: { httpGet: { host: status.example.com, path: /, port: https } }
          readinessProbe: { exec: { command: [cat, /tmp/ready] } }
    `);
    expect(findingsOf(RULE, text)).toEqual([]);
    const local = text.replace("host: status.example.com", "host: 127.0.0.1");
    expect(findingsOf(RULE, local)).toHaveLength(1);
  });

  it("checks native sidecars, and not the ports of other containers for names", () => {
    const text = pod(`
        - name: app
          image: app:1
          ports: [{ name: metrics, containerPort: 9100 }]
    `).replace(
      "containers:",
      `initContainers:
    - name: proxy
      image: proxy:1
      restartPolicy: Always
      readinessProbe: { httpGet: { path: /, port: metrics } }
  containers:`,
    );
    expect(findingsOf(RULE, text)[0]?.message).toMatch(/^init container "proxy" readiness probe uses port name "metrics"/);
  });

  it("honours kube-linter's opt-out for the same check", () => {
    const text = pod(`
        - name: app
          image: app:1
          livenessProbe: { httpGet: { path: /, port: http } }
    `).replace("metadata: { name: p }", 'metadata: { name: p, annotations: { ignore-check.kube-linter.io/liveness-port: "x" } }');
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's fixtures, container by container", () => {
    for (const file of ["liveness-port.yml", "readiness-port.yml", "startup-port.yml"]) {
      const findings = findingsOf(RULE, corpusFile(`kube-linter/tests/checks/${file}`));
      const containers = findings.map((f) => /"([^"]+)"/.exec(f.message)?.[1]);
      expect(
        containers.every((name) => name?.startsWith("fire-")),
        file,
      ).toBe(true);
      expect(findings.length, file).toBe(4);
    }
  });
});
