import { describe, expect, it } from "vitest";
import { positionOf, yaml } from "../rules/helpers.js";
import { policyFindings } from "./helpers.js";

const policy = (spec: string) => yaml`
  apiVersion: admissionregistration.k8s.io/v1
  kind: ValidatingAdmissionPolicy
  metadata: { name: replicas-limit }
  spec:
${spec
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
`;

const DEPLOYMENT_RULES = yaml`
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
`;

const binding = (extra = "validationActions: [Deny]") => yaml`
  apiVersion: admissionregistration.k8s.io/v1
  kind: ValidatingAdmissionPolicyBinding
  metadata: { name: replicas-limit-binding }
  spec:
    policyName: replicas-limit
    ${extra}
`;

const deployment = (replicas: number, namespace = "shop", labels = "{ app: web }") => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: ${namespace}
    labels: ${labels}
  spec:
    replicas: ${replicas}
    template:
      spec:
        containers:
          - name: app
            image: web:1
`;

const LIMIT = `${DEPLOYMENT_RULES}validations:
  - expression: "object.spec.replicas <= 5"
    messageExpression: "'replicas ' + string(object.spec.replicas) + ' is over 5'"`;

describe("ValidatingAdmissionPolicy from the manifests", () => {
  it("denies a matching object as the API server would, at the field, naming policy and binding", () => {
    const app = deployment(7);
    const findings = policyFindings({ "policy.yaml": policy(LIMIT), "binding.yaml": binding(), "app.yaml": app });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "admission-policy",
      severity: "error",
      file: "app.yaml",
      path: "/spec/replicas",
      message:
        "ValidatingAdmissionPolicy 'replicas-limit' with binding 'replicas-limit-binding' denied request: replicas 7 is over 5",
    });
    expect(findings[0]?.line).toBe(positionOf(app, "replicas:").line);
  });

  it("stays silent for objects that pass, that the rules do not match, or without a binding", () => {
    expect(policyFindings({ "p.yaml": policy(LIMIT), "b.yaml": binding(), "app.yaml": deployment(3) })).toEqual([]);
    const statefulSet = deployment(7).replace("kind: Deployment", "kind: StatefulSet");
    expect(policyFindings({ "p.yaml": policy(LIMIT), "b.yaml": binding(), "app.yaml": statefulSet })).toEqual([]);
    expect(policyFindings({ "p.yaml": policy(LIMIT), "app.yaml": deployment(7) })).toEqual([]);
  });

  it("takes the severity from validationActions: Deny error, Warn warning, Audit info", () => {
    const severity = (actions: string) =>
      policyFindings({
        "p.yaml": policy(LIMIT),
        "b.yaml": binding(`validationActions: ${actions}`),
        "app.yaml": deployment(7),
      }).map((f) => f.severity);
    expect(severity("[Deny]")).toEqual(["error"]);
    expect(severity("[Warn, Audit]")).toEqual(["warning"]);
    expect(severity("[Audit]")).toEqual(["info"]);
  });

  it("applies excludeResourceRules, objectSelector and the binding's matchResources", () => {
    const excluded = `${DEPLOYMENT_RULES}  excludeResourceRules:
    - apiGroups: ["*"]
      apiVersions: ["*"]
      operations: ["*"]
      resources: [deployments]
validations:
  - expression: "false"`;
    expect(policyFindings({ "p.yaml": policy(excluded), "b.yaml": binding(), "app.yaml": deployment(7) })).toEqual([]);
    const selected = `${DEPLOYMENT_RULES}  objectSelector: { matchLabels: { app: api } }
validations:
  - expression: "false"`;
    expect(policyFindings({ "p.yaml": policy(selected), "b.yaml": binding(), "app.yaml": deployment(7) })).toEqual([]);
    expect(
      policyFindings({ "p.yaml": policy(selected), "b.yaml": binding(), "app.yaml": deployment(7, "shop", "{ app: api }") }),
    ).toHaveLength(1);
    const narrowed = binding(
      "validationActions: [Deny]\n    matchResources: { namespaceSelector: { matchLabels: { env: prod } } }",
    );
    const prod = "apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { env: prod } }\n";
    expect(policyFindings({ "p.yaml": policy(LIMIT), "b.yaml": narrowed, "app.yaml": deployment(7) })).toEqual([]);
    expect(
      policyFindings({ "p.yaml": policy(LIMIT), "b.yaml": narrowed, "ns.yaml": prod, "app.yaml": deployment(7) }),
    ).toHaveLength(1);
  });

  it("skips objects a match condition rules out, and gives namespaceObject when the Namespace is known", () => {
    const conditional = `${DEPLOYMENT_RULES}matchConditions:
  - name: not-system
    expression: "object.metadata.namespace != 'kube-system'"
validations:
  - expression: "namespaceObject != null && has(namespaceObject.metadata.labels) && 'team' in namespaceObject.metadata.labels"
    message: namespace has no team`;
    const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: ${labels} }\n`;
    const run = (files: Record<string, string>) =>
      policyFindings({ "p.yaml": policy(conditional), "b.yaml": binding(), ...files }).map((f) => f.message);
    expect(run({ "app.yaml": deployment(1, "kube-system") })).toEqual([]);
    expect(run({ "app.yaml": deployment(1), "ns.yaml": ns("{ team: a }") })).toEqual([]);
    expect(run({ "app.yaml": deployment(1), "ns.yaml": ns("{ x: y }") })).toEqual([
      "ValidatingAdmissionPolicy 'replicas-limit' with binding 'replicas-limit-binding' denied request: namespace has no team",
    ]);
  });

  it("reads params from the manifests through paramKind and paramRef", () => {
    const withParams = `paramKind: { apiVersion: v1, kind: ConfigMap }
${DEPLOYMENT_RULES}validations:
  - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
    message: too many replicas`;
    const params = (max: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: limits, namespace: shop }\ndata: { maxReplicas: "${max}" }\n`;
    const ref = binding("validationActions: [Deny]\n    paramRef: { name: limits, parameterNotFoundAction: Deny }");
    const run = (files: Record<string, string>, b = ref) =>
      policyFindings({ "p.yaml": policy(withParams), "b.yaml": b, ...files }).map((f) => f.message);
    expect(run({ "app.yaml": deployment(7), "cm.yaml": params(10) })).toEqual([]);
    expect(run({ "app.yaml": deployment(7), "cm.yaml": params(5) })).toEqual([expect.stringContaining("too many replicas")]);
    expect(run({ "app.yaml": deployment(7) })).toEqual([expect.stringContaining("no params object for ConfigMap found")]);
    const allow = binding("validationActions: [Deny]\n    paramRef: { name: limits, parameterNotFoundAction: Allow }");
    expect(run({ "app.yaml": deployment(7) }, allow)).toEqual([]);
  });

  it("treats an evaluation error as a denial under failurePolicy Fail, and skips it under Ignore", () => {
    const failing = (failurePolicy: string) => `failurePolicy: ${failurePolicy}
${DEPLOYMENT_RULES}validations:
  - expression: "object.spec.nothing.here == 1"`;
    const run = (fp: string) => policyFindings({ "p.yaml": policy(failing(fp)), "b.yaml": binding(), "app.yaml": deployment(1) });
    expect(run("Fail").map((f) => f.message)).toEqual([expect.stringContaining("could not be evaluated")]);
    expect(run("Ignore")).toEqual([]);
  });

  it("says so on the policy, once, when it calls a function Plumbline lacks or does not compile", () => {
    const spec = `${DEPLOYMENT_RULES}validations:
  - expression: "object.metadata.name.frobnicate()"
  - expression: "object.spec.replicas <="`;
    const text = policy(spec);
    const findings = policyFindings({
      "p.yaml": text,
      "b.yaml": binding(),
      "a.yaml": deployment(1),
      "c.yaml": deployment(2).replace("web", "api"),
    });
    expect(findings.map((f) => [f.file, f.severity, f.line])).toEqual([
      ["p.yaml", "info", positionOf(text, "- expression", 1).line],
      ["p.yaml", "warning", positionOf(text, "- expression", 2).line],
    ]);
    expect(findings[0]?.message).toMatch(/frobnicate\(\), which Plumbline does not implement/);
    expect(findings[1]?.message).toMatch(/does not compile/);
  });
});
