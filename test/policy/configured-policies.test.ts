import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: no-latest }
spec:
  matchConstraints:
    resourceRules:
      - { apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments] }
  validations:
    - expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))"
      message: no latest tags
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: no-latest-binding }
spec: { policyName: no-latest, validationActions: [Warn] }
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: app
          image: web:latest
`;

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("admissionPolicies in the configuration", () => {
  it("applies policies kept outside the checked paths, once even when they are also checked", async () => {
    root = await mkdtemp(path.join(tmpdir(), "plumbline-vap-"));
    await mkdir(path.join(root, "policies"));
    await mkdir(path.join(root, "deploy"));
    await writeFile(path.join(root, "policies", "no-latest.yaml"), POLICY);
    await writeFile(path.join(root, "deploy", "web.yaml"), DEPLOYMENT);
    const config = parseConfig("admissionPolicies: [policies/]\n", ".github/plumbline.yml");
    const ofPolicy = async (paths: string[]) =>
      (await check(paths, { cwd: root, root, config })).findings.filter((f) => f.rule === "admission-policy");
    const findings = await ofPolicy(["deploy"]);
    expect(findings.map((f) => [f.file, f.line, f.severity, f.message])).toEqual([
      [
        "deploy/web.yaml",
        9,
        "warning",
        "Validation failed for ValidatingAdmissionPolicy 'no-latest' with binding 'no-latest-binding': no latest tags",
      ],
    ]);
    expect(await ofPolicy(["deploy", "policies"])).toHaveLength(1);
  });

  it("refuses paths outside the repository", () => {
    for (const outside of ["../policies", "/etc/policies", "a/../../b"]) {
      expect(() => parseConfig(`admissionPolicies: ["${outside}"]\n`, "c.yml")).toThrow(/must be a path inside the repository/);
    }
  });
});
