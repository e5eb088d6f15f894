/**
 * Patterns from configuration and manifests (drift ignore globs, Flux regular expressions, Argo CD jq
 * paths) are matched in linear time: a backtracking engine took minutes on each of these (issue #10 §2).
 */

import { describe, expect, it } from "vitest";
import { gitopsIgnoreRules } from "../../src/drift/gitops-ignores.js";
import { globMatcher, type IgnoreTarget } from "../../src/drift/ignore.js";
import { parseJqPath } from "../../src/drift/jq-path.js";
import { pathGlobMatcher } from "../../src/manifests/path-glob.js";
import type { Resource } from "../../src/manifests/resource.js";
import { expectWithin } from "./budget.js";

const target = (name: string): IgnoreTarget => ({
  group: "apps",
  version: "v1",
  kind: "Deployment",
  namespace: "shop",
  name,
  labels: {},
  annotations: {},
  file: "apps/web.yaml",
});

function fluxKustomization(targetSpec: Record<string, unknown>): Resource {
  const object = {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name: "apps", namespace: "flux-system" },
    spec: { path: "./apps", driftIgnoreRules: [{ paths: ["/spec/replicas"], target: targetSpec }] },
  };
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: "apps",
    namespace: "flux-system",
    object,
    scope: "files",
    source: { file: "flux.yaml", documentIndex: 0, locate: () => ({ line: 1, column: 1 }) },
  };
}

describe("hostile patterns", () => {
  it("a drift ignore glob *a*a*a…b against a long name", () => {
    const glob = `${"*a".repeat(40)}b`;
    expectWithin(1_000, () => {
      expect(globMatcher(glob)("a".repeat(5_000))).toBe(false);
      expect(globMatcher(glob)(`${"a".repeat(5_000)}b`)).toBe(true);
    });
    expect(globMatcher("web-*")("web-1")).toBe(true);
    expect(globMatcher("web-*")("api-1")).toBe(false);
    expect(globMatcher("*-db-*")("shop-db-0")).toBe(true);
    expect(globMatcher("a.b")("axb")).toBe(false);
  });

  it("a path glob from the configuration against a long path", () => {
    const glob = `${"*a".repeat(40)}b`;
    expectWithin(1_000, () => expect(pathGlobMatcher([glob])("a".repeat(5_000))).toBe(false));
    const matches = pathGlobMatcher(["vendor/**", "**/*.generated.yaml", "charts/{a,b}/*.yaml"]);
    expect(matches("vendor/x/y.yaml")).toBe(true);
    expect(matches("apps/web/deploy.generated.yaml")).toBe(true);
    expect(matches("charts/a/x.yaml")).toBe(true);
    expect(matches("charts/c/x.yaml")).toBe(false);
    expect(matches("apps/web/deploy.yaml")).toBe(false);
  });

  it("a Flux target regex (a+)+ runs on a linear-time engine", () => {
    const { rules } = gitopsIgnoreRules([fluxKustomization({ name: "(a+)+" })], (file) => file);
    const flux = rules.find((rule) => rule.source.startsWith("Kustomization"));
    expectWithin(1_000, () => expect(flux?.applies(target(`${"a".repeat(5_000)}!`))).toBe(false));
    expect(flux?.applies(target("aaaa"))).toBe(true);
  });

  it("an invalid Flux regex is a warning, not a crash", () => {
    const { rules, warnings } = gitopsIgnoreRules([fluxKustomization({ name: "web-(" })], (file) => file);
    expect(warnings).toEqual([expect.stringMatching(/Kustomization flux-system\/apps: .*"web-\(".*ignored/)]);
    expect(rules.some((rule) => rule.source.startsWith("Kustomization"))).toBe(false);
  });

  it("a jq select( padded with spaces is parsed in linear time", () => {
    expectWithin(1_000, () => {
      expect(parseJqPath(`.spec.containers[] | select(.name == "web"${" ".repeat(50_000)}`)).toBeUndefined();
      expect(parseJqPath(`.spec.containers[] | select(${" ".repeat(50_000)}.name${" ".repeat(50_000)}== "x"`)).toBeUndefined();
      expect(parseJqPath(`.a${".b".repeat(50_000)}`)).toHaveLength(50_001);
    });
    expect(parseJqPath('.spec.containers[] | select(.name == "a==b") | .image')).toEqual([
      { type: "field", name: "spec" },
      { type: "field", name: "containers" },
      { type: "each" },
      { type: "select", path: ["name"], value: "a==b" },
      { type: "field", name: "image" },
    ]);
  });
});
