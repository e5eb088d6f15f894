import { describe, expect, it } from "vitest";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "root-filesystem-writable";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
    spec:
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          initContainers:
            - name: migrate
              image: app:1
              securityContext:
                readOnlyRootFilesystem: false
          containers:
            - name: web
              image: app:1
            - name: sidecar
              image: proxy:1
              securityContext:
                readOnlyRootFilesystem: true
  `;

  it("fires as info on every container whose root filesystem is writable, at the field", () => {
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.message)).toEqual([
      'init container "migrate" sets readOnlyRootFilesystem: false, so its root filesystem is writable',
      'container "web" has a writable root filesystem: set readOnlyRootFilesystem: true and mount an emptyDir where it must write',
    ]);
    expect(findings.every((f) => f.severity === "info")).toBe(true);
    expect(findings[0]).toMatchObject(positionOf(text, "readOnlyRootFilesystem: false"));
    // the unset field is located at the container that lacks it
    expect(findings[1]).toMatchObject(positionOf(text, "name: web\n", 1));
  });

  it("offers a fix only where the field is unset, and the fix sets it", () => {
    const [explicit, unset] = findingsOf(RULE, text);
    expect(explicit?.fix).toBeUndefined();
    const fixed = applyFix(text, unset?.fix) as { spec: { template: { spec: { containers: { securityContext?: unknown }[] } } } };
    expect(fixed.spec.template.spec.containers[0]?.securityContext).toEqual({ readOnlyRootFilesystem: true });
  });

  it("stays silent for Windows pods, which reject the field, and for objects without pods", () => {
    const windows = text.replace("initContainers:", "os: { name: windows }\n      initContainers:");
    expect(windows).not.toBe(text);
    expect(findingsOf(RULE, windows)).toEqual([]);
    expect(findingsOf(RULE, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n")).toEqual([]);
  });

  it("honours kube-linter's ignore annotation for the same check", () => {
    const annotated = text.replace(
      "metadata: { name: web }",
      'metadata: { name: web, annotations: { ignore-check.kube-linter.io/no-read-only-root-fs: "writes to /var/cache" } }',
    );
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' notReadOnlyRootFilesystem fixtures", () => {
    const dir = "polaris/test/checks/notReadOnlyRootFilesystem";
    for (const file of ["failure.yaml", "failure.pod.yaml", "failure.two_cont_one_unspecified.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`${dir}/${file}`)), file).not.toEqual([]);
    }
    for (const file of ["success.yaml", "success.pod.yaml"])
      expect(findingsOf(RULE, corpusFile(`${dir}/${file}`)), file).toEqual([]);
  });
});
