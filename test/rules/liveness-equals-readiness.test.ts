import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "liveness-equals-readiness";

function pod(liveness: string, readiness: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1.0
          livenessProbe: ${liveness}
          readinessProbe: ${readiness}
  `;
}

describe(RULE, () => {
  it("fires when both probes are the same, at the liveness probe", () => {
    const text = pod("{ httpGet: { path: /health, port: 8080 } }", "{ httpGet: { port: 8080, path: /health } }");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('container "app" has the same liveness and readiness probe');
    expect(findings[0]).toMatchObject(positionOf(text, "livenessProbe"));
  });

  it("compares with the API server's defaults filled in", () => {
    const explicit = "{ tcpSocket: { port: 5432 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 }";
    expect(findingsOf(RULE, pod(explicit, "{ tcpSocket: { port: 5432 } }"))).toHaveLength(1);
    expect(findingsOf(RULE, pod("{ httpGet: { path: /, port: 80, scheme: HTTP } }", "{ httpGet: { port: 80 } }"))).toHaveLength(
      1,
    );
  });

  it("stays silent when the probes check different things or at a different pace", () => {
    expect(
      findingsOf(RULE, pod("{ httpGet: { path: /live, port: 8080 } }", "{ httpGet: { path: /ready, port: 8080 } }")),
    ).toEqual([]);
    expect(
      findingsOf(
        RULE,
        pod("{ httpGet: { path: /h, port: 8080 }, failureThreshold: 10 }", "{ httpGet: { path: /h, port: 8080 } }"),
      ),
    ).toEqual([]);
    expect(findingsOf(RULE, pod("{ exec: { command: [a, b] } }", "{ exec: { command: [b, a] } }"))).toEqual([]);
  });

  it("stays silent when a probe is missing", () => {
    expect(findingsOf(RULE, pod("{ httpGet: { path: /h, port: 1 } }", "null"))).toEqual([]);
  });

  itWithCorpus("agrees with kube-score's pod-probes-identical fixtures", () => {
    for (const kind of ["http", "tcp", "exec"]) {
      const text = corpusFile(`kube-score/score/testdata/pod-probes-identical-${kind}.yaml`);
      expect(findingsOf(RULE, text), kind).toHaveLength(1);
    }
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/pod-probes-both.yaml"))).toEqual([]);
  });
});
