import { describe, expect, it } from "vitest";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "run-as-root";

function pod(podContext: string, containerContext: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      securityContext: ${podContext}
      containers:
        - name: app
          image: app:1.0
          securityContext: ${containerContext}
  `;
}

describe(RULE, () => {
  it.each([
    ["{}", "{ runAsNonRoot: true }"],
    ["{ runAsNonRoot: true }", "{}"],
    ["{ runAsUser: 1000 }", "null"],
    ["{}", "{ runAsUser: 10001 }"],
    ["{ runAsUser: 0 }", "{ runAsUser: 1000 }"],
    ["{ runAsNonRoot: false }", "{ runAsNonRoot: true }"],
  ])("stays silent with pod %s and container %s", (podContext, containerContext) => {
    expect(findingsOf(RULE, pod(podContext, containerContext))).toEqual([]);
  });

  it("fires when nothing says who the container runs as, with a fix that creates securityContext", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            containers:
              - name: web
                image: app:1.0
    `;
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toContain('container "web" may run as root');
    expect(finding).toMatchObject(positionOf(text, "name: web", 2));
    expect(finding?.fix).toEqual([
      { op: "add", path: "/spec/template/spec/containers/0/securityContext", value: { runAsNonRoot: true } },
    ]);
    const fixed = applyFix(text, finding?.fix);
    expect(fixed).toMatchObject({ spec: { template: { spec: { containers: [{ securityContext: { runAsNonRoot: true } }] } } } });
  });

  it("adds only the field when securityContext exists", () => {
    const text = pod("{}", "{ readOnlyRootFilesystem: true }");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.fix).toEqual([{ op: "add", path: "/spec/containers/0/securityContext/runAsNonRoot", value: true }]);
    expect(applyFix(text, finding?.fix)).toMatchObject({
      spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true } }] },
    });
    expect(finding).toMatchObject(positionOf(text, "securityContext: {", 2));
  });

  it("fires on an explicit runAsUser: 0, at the level that sets it, without a fix", () => {
    const text = pod("{ runAsUser: 0 }", "{}");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.message).toBe('container "app" runs as root (runAsUser: 0)');
    expect(finding?.path).toBe("/spec/securityContext/runAsUser");
    expect(finding).toMatchObject(positionOf(text, "runAsUser: 0"));
    expect(finding?.fix).toBeUndefined();
  });

  it("lets the container override the pod in both directions", () => {
    expect(findingsOf(RULE, pod("{ runAsUser: 1000 }", "{ runAsUser: 0 }"))[0]?.path).toBe(
      "/spec/containers/0/securityContext/runAsUser",
    );
    const [overridden] = findingsOf(RULE, pod("{ runAsNonRoot: true }", "{ runAsNonRoot: false }"));
    expect(overridden?.message).toContain("sets runAsNonRoot: false");
    expect(overridden?.fix).toBeUndefined();
  });

  it("warns that runAsUser: 0 with runAsNonRoot: true never starts", () => {
    expect(findingsOf(RULE, pod("{ runAsNonRoot: true }", "{ runAsUser: 0 }"))[0]?.message).toContain("refuses to start");
  });

  it("covers init containers and skips Windows pods", () => {
    const text = pod("{}", "{ runAsNonRoot: true }").replace(
      "containers:",
      "initContainers:\n    - name: init\n      image: i:1\n  containers:",
    );
    expect(findingsOf(RULE, text).map((f) => f.message)).toEqual([expect.stringContaining('init container "init"')]);
    const windows = pod("{}", "{}").replace("spec:\n", "spec:\n  os: { name: windows }\n");
    expect(windows).toContain("windows");
    expect(findingsOf(RULE, windows)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' runAsRootAllowed fixtures", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/runAsRootAllowed/failure.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/runAsRootAllowed/success.yaml"))).toEqual([]);
  });
});
