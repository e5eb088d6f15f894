import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "../../src/findings/finding.js";
import { PENALTY, readinessScore } from "../../src/findings/score.js";

const workload = (name: string) => ({ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name });
const finding = (name: string | null, rule: string, severity: Severity): Finding => ({
  rule,
  severity,
  file: "f.yaml",
  line: 1,
  column: 1,
  resource: { apiVersion: name ? "apps/v1" : null, kind: name ? "Deployment" : null, namespace: name ? "shop" : null, name },
  message: "m",
  fingerprint: `${rule}-${name}`,
  path: "",
});

describe("readinessScore", () => {
  it("is 100 for clean workloads and when there is nothing to score", () => {
    expect(readinessScore([], [workload("a"), workload("b")]).overall).toBe(100);
    expect(readinessScore([], []).overall).toBe(100);
  });

  it("costs each broken rule once per object, weighted by severity", () => {
    const findings = [
      finding("a", "liveness-probe-missing", "warning"),
      finding("a", "liveness-probe-missing", "warning"),
      finding("a", "memory-limit-below-request", "error"),
    ];
    const score = readinessScore(findings, [workload("a"), workload("b")]);
    const a = score.resources.find((r) => r.resource.name === "a");
    expect(a?.score).toBe(100 - PENALTY.warning - PENALTY.error);
    expect(score.overall).toBe(Math.round((100 - PENALTY.warning - PENALTY.error + 100) / 2));
  });

  it("never goes below zero", () => {
    const rules = ["r1", "r2", "r3", "r4", "r5"].map((r) => finding("a", r, "error"));
    expect(readinessScore(rules, [workload("a")]).overall).toBe(0);
  });

  it("scores files with input problems as their own units", () => {
    const score = readinessScore([finding(null, "yaml-syntax-error", "error")], [workload("a")]);
    expect(score.resources.map((r) => [r.resource.name, r.score])).toEqual([
      ["a", 100],
      ["f.yaml", 100 - PENALTY.error],
    ]);
  });

  it("goes up when a PR fixes a problem", () => {
    const before = readinessScore([finding("a", "run-as-root", "warning")], [workload("a")]).overall;
    const after = readinessScore([], [workload("a")]).overall;
    expect(after).toBeGreaterThan(before);
  });
});
