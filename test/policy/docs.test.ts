import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { yaml } from "../rules/helpers.js";
import { policyFindings } from "./helpers.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const doc = readFileSync(path.join(repo, "docs/rules/custom.md"), "utf8");
const blocks = [...doc.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: prod, labels: { tier: frontend } }
  spec:
    replicas: 7
    template:
      spec:
        containers:
          - name: app
            image: docker.io/library/nginx:1.27
`;

describe("docs/rules/custom.md", () => {
  it("its custom-rule example reports what the page says", () => {
    const findings = policyFindings({ "app.yaml": deployment.replace("replicas: 7", "replicas: 1") }, blocks[0]);
    expect(findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ["registry-allowed", "error", "images must come from ghcr.io/acme/"],
      ["replicas-for-prod", "warning", "web runs 1 replica(s) in prod"],
    ]);
  });

  it("its admission-policy example gives the documented finding", () => {
    const findings = policyFindings({ "policy.yaml": blocks[1] ?? "", "app.yaml": deployment });
    expect(findings).toHaveLength(1);
    expect(doc).toContain(`${findings[0]?.severity}  ${findings[0]?.rule}  ${findings[0]?.message}`);
  });
});
