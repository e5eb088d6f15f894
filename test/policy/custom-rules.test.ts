import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { positionOf, yaml } from "../rules/helpers.js";
import { policyFindings } from "./helpers.js";

const REGISTRY_RULE = yaml`
  rules:
    custom:
      - id: registry-allowed
        severity: error
        match: { kinds: [Deployment, StatefulSet] }
        expression: "object.spec.template.spec.containers.all(c, c.image.startsWith('ghcr.io/acme/'))"
        message: "images must come from ghcr.io/acme/"
`;

const DEPLOYMENT = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: prod
    labels: { team: shop }
  spec:
    template:
      spec:
        containers:
          - name: app
            image: ghcr.io/acme/web:1.0
          - name: sidecar
            image: docker.io/envoy:1.30
`;

describe("custom rules", () => {
  it("reports an object that fails the expression, at the failing container's image", () => {
    const findings = policyFindings({ "app.yaml": DEPLOYMENT }, REGISTRY_RULE);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: "registry-allowed",
      severity: "error",
      message: "images must come from ghcr.io/acme/",
    });
    expect(finding?.path).toBe("/spec/template/spec/containers/1/image");
    expect({ line: finding?.line, column: finding?.column }).toEqual(positionOf(DEPLOYMENT, "image: docker.io"));
  });

  it("stays silent when every container passes, and for kinds it does not match", () => {
    const fixed = DEPLOYMENT.replace("docker.io/envoy", "ghcr.io/acme/envoy");
    expect(policyFindings({ "app.yaml": fixed }, REGISTRY_RULE)).toEqual([]);
    const service = yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec: { ports: [{ port: 80 }] }
    `;
    expect(policyFindings({ "svc.yaml": service }, REGISTRY_RULE)).toEqual([]);
  });

  it("is waived by the plumbline.dev/ignore annotation naming its id", () => {
    const waived = DEPLOYMENT.replace(
      "labels: { team: shop }",
      "labels: { team: shop }\n  annotations: { plumbline.dev/ignore: registry-allowed }",
    );
    expect(policyFindings({ "app.yaml": waived }, REGISTRY_RULE)).toEqual([]);
  });

  it("matches by namespace and label selector", () => {
    const rule = (match: string) => yaml`
      rules:
        custom:
          - id: team-label
            match: ${match}
            expression: "false"
            message: nope
    `;
    const count = (match: string) => policyFindings({ "app.yaml": DEPLOYMENT }, rule(match)).length;
    expect(count("{ namespaces: [prod] }")).toBe(1);
    expect(count("{ namespaces: [dev] }")).toBe(0);
    expect(count("{ labelSelector: { matchLabels: { team: shop } } }")).toBe(1);
    expect(count("{ labelSelector: { matchExpressions: [{ key: team, operator: NotIn, values: [shop] }] } }")).toBe(0);
  });

  it("uses variables and messageExpression, with severity warning by default", () => {
    const config = yaml`
      rules:
        custom:
          - id: replicas-bounded
            match: { kinds: [Deployment] }
            variables:
              - name: replicas
                expression: "has(object.spec.replicas) ? object.spec.replicas : 1"
            expression: "variables.replicas >= 2"
            messageExpression: "object.metadata.name + ' runs ' + string(variables.replicas) + ' replica(s)'"
    `;
    const [finding] = policyFindings({ "app.yaml": DEPLOYMENT }, config);
    expect(finding).toMatchObject({ rule: "replicas-bounded", severity: "warning", message: "web runs 1 replica(s)" });
  });

  it("reports an expression that cannot be evaluated instead of passing it", () => {
    const config = yaml`
      rules:
        custom:
          - id: no-such-field
            expression: "object.spec.nothing == 1"
    `;
    const [finding] = policyFindings({ "app.yaml": DEPLOYMENT }, config);
    expect(finding?.message).toMatch(/could not be evaluated/);
  });

  it("stops an expression that would run too long, with a finding", () => {
    const config = yaml`
      rules:
        custom:
          - id: slow
            expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, true)))))"
    `;
    const started = performance.now();
    const [finding] = policyFindings({ "app.yaml": DEPLOYMENT }, config);
    expect(finding?.message).toMatch(/cost budget of \d+ steps exceeded/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("custom rules in the configuration", () => {
  const configError = (text: string) => {
    try {
      parseConfig(text, ".github/plumbline.yml");
    } catch (error) {
      return (error as Error).message;
    }
    return "no error";
  };

  it("reads a valid rule", () => {
    expect(parseConfig(REGISTRY_RULE, "c.yml").customRules?.map((rule) => rule.id)).toEqual(["registry-allowed"]);
  });

  it("points at the column of a syntax error inside a quoted expression", () => {
    const text = yaml`
      rules:
        custom:
          - id: broken
            expression: "object.kind == 'Pod' &&"
    `;
    const { line, column } = positionOf(text, "&&");
    expect(configError(text)).toBe(
      `.github/plumbline.yml:${line}:${column}: rules.custom[0].expression: found & but expecting end of input`,
    );
  });

  it("points into a block scalar at the offending line", () => {
    const text = yaml`
      rules:
        custom:
          - id: broken
            expression: >
              object.kind == 'Pod' &&
              object.spec.containers.all(c, c.image.(
    `;
    // the parser gives up at the `.` of `.all(`, the furthest it could read as a complete expression
    const { line, column } = positionOf(text, ".all(");
    expect(configError(text)).toBe(
      `.github/plumbline.yml:${line}:${column}: rules.custom[0].expression: found . but expecting end of input`,
    );
  });

  it("refuses a function Plumbline does not implement, at the call", () => {
    const text = yaml`
      rules:
        custom:
          - id: unknown-fn
            expression: "object.metadata.name.frobnicate()"
    `;
    const { line, column } = positionOf(text, "object.metadata");
    expect(configError(text)).toBe(
      `.github/plumbline.yml:${line}:${column + "object.metadata.name".length}: rules.custom[0].expression: frobnicate() is not supported by Plumbline (docs/rules/custom.md lists what is)`,
    );
  });

  it("refuses a built-in rule's id, a duplicate id and a missing expression", () => {
    expect(configError(REGISTRY_RULE.replace("registry-allowed", "image-tag-latest"))).toMatch(/is a built-in rule's id/);
    const twice = `${REGISTRY_RULE}${REGISTRY_RULE.split("\n").slice(2).join("\n")}`;
    expect(configError(twice)).toMatch(/registry-allowed is used twice/);
    expect(configError("rules:\n  custom:\n    - id: x\n")).toMatch(/needs a expression/);
  });
});
