import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "memory-limit-below-request";

function pod(request: string, limit: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1.0
          resources:
            requests:
              memory: ${request}
            limits:
              memory: ${limit}
  `;
}

describe(RULE, () => {
  it("fires when the limit is below the request, at the limit", () => {
    const text = pod("1Gi", "1000M");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", ...positionOf(text, "memory: 1000M") });
    expect(findings[0]?.message).toBe('container "app" memory limit 1000M is below its request 1Gi');
  });

  it("compares exact values across units", () => {
    expect(findingsOf(RULE, pod("0.5Gi", "512Mi"))).toEqual([]);
    expect(findingsOf(RULE, pod("1G", "1Gi"))).toEqual([]);
    expect(findingsOf(RULE, pod("1025Mi", "1Gi"))).toHaveLength(1);
    expect(findingsOf(RULE, pod('"1e9"', "1G"))).toEqual([]);
  });

  it("stays silent when either side is missing or unreadable", () => {
    expect(findingsOf(RULE, pod("lots", "1Mi"))).toEqual([]);
    expect(findingsOf(RULE, pod('""', "1Mi"))).toEqual([]);
  });

  it("checks init containers too", () => {
    const text = pod("2Gi", "1Gi").replace("containers:", "initContainers:");
    expect(findingsOf(RULE, text)[0]?.message).toContain('init container "app"');
  });
});
