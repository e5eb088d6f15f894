import { describe, expect, it } from "vitest";
import { imageTag } from "../../src/rules/images/image-tag-latest.js";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "image-tag-latest";

function pod(image: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: ${JSON.stringify(image)}
  `;
}

describe(RULE, () => {
  it.each([
    ["nginx:latest", "uses the :latest tag"],
    ["nginx", "has no tag, which means :latest"],
    ["registry:5000/team/app", "has no tag, which means :latest"],
    ["ghcr.io/org/app:", "has no tag, which means :latest"],
  ])("fires for %s, at the image key", (image, why) => {
    const text = pod(image);
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe(`container "app" image "${image}" ${why}; pin a version or a digest`);
    expect(findings[0]).toMatchObject(positionOf(text, "image:"));
    expect(findings[0]?.path).toBe("/spec/containers/0/image");
  });

  it.each([
    "nginx:1.27",
    "registry:5000/app:2.1",
    "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unexpanded ${VAR} is the case under test
    "ghcr.io/acme/payments:${GIT_SHA}",
  ])("stays silent for %s", (image) => {
    expect(findingsOf(RULE, pod(image))).toEqual([]);
  });

  it("checks init containers and CronJobs", () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: c }
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                initContainers: [{ name: init, image: "busybox" }]
                containers: [{ name: task, image: "task:1" }]
    `;
    expect(findingsOf(RULE, text).map((f) => f.message)).toEqual([
      'init container "init" image "busybox" has no tag, which means :latest; pin a version or a digest',
    ]);
  });

  it("splits tags from registry ports", () => {
    expect(imageTag("localhost:5000/app")).toEqual({ digest: false });
    expect(imageTag("localhost:5000/app:v2")).toEqual({ tag: "v2", digest: false });
    expect(imageTag("app@sha256:abc")).toEqual({ digest: true });
  });

  it("honours Polaris' exemption annotation for the same check", () => {
    const text = pod("nginx").replace(
      "name: p }",
      'name: p, annotations: { "polaris.fairwinds.com/tagNotSpecified-exempt": "true" } }',
    );
    expect(text).toContain("exempt");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' tagNotSpecified fixtures", () => {
    for (const file of ["failure.yaml", "failure.latest.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/tagNotSpecified/${file}`)), file).not.toEqual([]);
    }
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/tagNotSpecified/success.yaml"))).toEqual([]);
  });
});
