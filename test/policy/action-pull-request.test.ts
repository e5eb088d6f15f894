import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "../action/support/run-action.js";
import { expectCleanRun, onlyRules, type PullRequestScenario, pullRequestScenario } from "../action/support/scenario.js";
import { positionOf } from "../rules/helpers.js";

/** The "done when": the Action comments on a pull request that violates the repository's own policy, on the offending line. */

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas-limit
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: "object.spec.replicas <= 5"
      messageExpression: "'replicas ' + string(object.spec.replicas) + ' is over 5'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-limit-binding
spec:
  policyName: replicas-limit
  validationActions: [Deny]
`;

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: web:1.0
`;

let bundle: string;
let scenario: PullRequestScenario | undefined;

beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

afterAll(async () => {
  await scenario?.dispose();
});

describe("a pull request that breaks the repository's own ValidatingAdmissionPolicy", () => {
  it("gets a review comment on the offending line with the policy's message, and fails the gate", async () => {
    const config = onlyRules(); // every built-in rule off: only the policy speaks
    scenario = await pullRequestScenario(bundle, {
      base: { ".github/plumbline.yml": config, "deploy/policy.yaml": POLICY, "deploy/web.yaml": deployment(3) },
      head: { "deploy/web.yaml": deployment(7) },
    });
    const run = await scenario.run({ inputs: { paths: "deploy" } });
    expectCleanRun(run, scenario.mock);
    expect(run.exitCode).toBe(1);
    const comments = scenario.mock.state.reviewComments;
    expect(comments.map((c) => [c.path, c.line])).toEqual([["deploy/web.yaml", positionOf(deployment(7), "replicas:").line]]);
    expect(comments[0]?.body).toContain(
      "ValidatingAdmissionPolicy 'replicas-limit' with binding 'replicas-limit-binding' denied request: replicas 7 is over 5",
    );
  }, 120_000);
});
