import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { API_LIFECYCLES, DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { peerCorpora } from "../support/shared.js";
import { itWith } from "../support/shared-tests.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("API lifecycle data", () => {
  itWith(peerCorpora, "is what the generator makes from Pluto's versions.yaml and our supplement", () => {
    const versions = peerCorpora.file("pluto", "versions.yaml");
    const output = execFileSync(process.execPath, ["scripts/generate-api-data.js", "--check", versions], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(output).toContain("up to date");
  });

  it("has the corrections the supplement makes to Pluto's table", () => {
    const flowSchema = API_LIFECYCLES.find(
      (e) => e.apiVersion === "flowcontrol.apiserver.k8s.io/v1beta1" && e.kind === "FlowSchema",
    );
    expect(flowSchema?.removedIn).toBe("1.26.0");
    expect(API_LIFECYCLES.some((e) => e.apiVersion === "authorization.k8s.io/v1beta1" && e.kind === "SubjectAccessReview")).toBe(
      true,
    );
  });

  it("defaults to the newest Kubernetes version it knows", () => {
    const newest = API_LIFECYCLES.filter((e) => e.component === "k8s")
      .flatMap((e) => [e.deprecatedIn, e.removedIn])
      .filter((v): v is string => Boolean(v))
      .map((v) => v.split(".").map(Number) as [number, number])
      .reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a));
    expect(DEFAULT_KUBERNETES_VERSION).toBe(`${newest[0]}.${newest[1]}`);
  });
});
