import { describe, expect, it } from "vitest";
import { yaml } from "../rules/helpers.js";
import { policyFindings } from "./helpers.js";

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    labels: { app: web }
  spec:
    initContainers:
      - name: init
        image: busybox:1.36
    containers:
      - name: app
        image: web:1
        ports:
          - containerPort: 8080
          - containerPort: 22
            hostPort: 2222
      - name: sidecar
        image: envoy:1.30
        securityContext:
          privileged: true
`;

/** The JSON pointer a failing custom rule's finding points at. */
function pathOf(expression: string, variables = ""): string | undefined {
  const config = yaml`
    rules:
      custom:
        - id: probe
          match: { kinds: [Pod] }
          expression: ${JSON.stringify(expression)}
  `;
  const withVariables = variables ? `${config}      variables:\n${variables}` : config;
  const findings = policyFindings({ "pod.yaml": POD }, withVariables);
  expect(findings).toHaveLength(1);
  return findings[0]?.path;
}

describe("where a failed expression points", () => {
  it("all(c, P): the first element failing P, at the field P reads", () => {
    expect(pathOf("object.spec.containers.all(c, c.image.startsWith('web'))")).toBe("/spec/containers/1/image");
  });

  it("!exists(c, P): the element satisfying P, through nested lists", () => {
    expect(pathOf("!object.spec.containers.exists(c, has(c.ports) && c.ports.exists(p, has(p.hostPort)))")).toBe(
      "/spec/containers/0/ports/1/hostPort",
    );
  });

  it("a guard before ||: the claim after it", () => {
    expect(
      pathOf("object.kind != 'Pod' || object.spec.containers.all(c, !has(c.securityContext) || !c.securityContext.privileged)"),
    ).toBe("/spec/containers/1/securityContext/privileged");
  });

  it("&&: the operand that is false", () => {
    expect(pathOf("object.metadata.name == 'web' && object.metadata.labels.app == 'api'")).toBe("/metadata/labels/app");
  });

  it("through a variable built by concatenating lists", () => {
    const variables = `        - name: all\n          expression: "object.spec.containers + object.spec.initContainers"\n`;
    expect(pathOf("variables.all.all(c, c.name == 'sidecar' || !c.image.contains(':1.3'))", variables)).toBe(
      "/spec/initContainers/0/image",
    );
  });

  it("the object itself when nothing narrower is known", () => {
    expect(pathOf("1 == 2")).toBe("");
  });
});
