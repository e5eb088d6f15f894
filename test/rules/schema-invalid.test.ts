import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "schema-invalid";

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    labels: { app: web }
  spec:
    replicas: 2
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web } }
      spec:
        containers:
          - name: web
            image: web:1
            imagePullPolicy: IfNotPresent
            env:
              - { name: PORT, value: "8080" }
            resources:
              requests: { cpu: 100m, memory: 128Mi }
            ports:
              - { name: http, containerPort: 8080 }
`;

const messages = (text: string) => findingsOf(RULE, text).map((finding) => finding.message);

describe(RULE, () => {
  it("stays silent for a valid object", () => {
    expect(findingsOf(RULE, deployment)).toEqual([]);
  });

  it("reports an unknown field at its key, as an error, suggesting the field meant", () => {
    const text = deployment.replace("imagePullPolicy: IfNotPresent", "imagePullPolcy: IfNotPresent");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "error",
      path: "/spec/template/spec/containers/0/imagePullPolcy",
      ...positionOf(text, "imagePullPolcy"),
    });
    expect(findings[0]?.message).toBe(
      'spec.template.spec.containers[0] has no field "imagePullPolcy"; did you mean "imagePullPolicy"?',
    );
  });

  it("reports a field at the wrong level, and one spelt in the wrong case", () => {
    expect(messages(deployment.replace("  replicas: 2\n", "  replicas: 2\n  Strategy: { type: Recreate }\n"))).toEqual([
      'spec has no field "Strategy"; did you mean "strategy"?',
    ]);
    expect(
      messages(deployment.replace("          image: web:1\n", "          image: web:1\n          runAsUser: 1000\n")),
    ).toEqual(['spec.template.spec.containers[0] has no field "runAsUser"']);
  });

  it("reports wrong types, enum values and malformed quantities with what is expected", () => {
    const text = deployment
      .replace("replicas: 2", 'replicas: "2"')
      .replace('value: "8080"', "value: 8080")
      .replace("imagePullPolicy: IfNotPresent", "imagePullPolicy: always")
      .replace("memory: 128Mi", "memory: 128 MB");
    expect(messages(text)).toEqual([
      'spec.replicas must be an integer, not the string "2"',
      'spec.template.spec.containers[0].imagePullPolicy must be one of "Always", "IfNotPresent", "Never", not the string "always"',
      "spec.template.spec.containers[0].env[0].value must be a string, not the integer 8080",
      'spec.template.spec.containers[0].resources.requests.memory must be a quantity such as 500m, 2 or 1Gi, not the string "128 MB"',
    ]);
    const [replicas] = findingsOf(RULE, text);
    expect(replicas).toMatchObject(positionOf(text, 'replicas: "2"'));
  });

  it("reports a label YAML reads as a boolean, which kubectl refuses", () => {
    expect(messages(deployment.replace("labels: { app: web }\nspec", "labels: { app: web, canary: yes }\nspec"))).toEqual([
      "metadata.labels.canary must be a string, not the boolean true",
    ]);
  });

  it("reports a missing required field at the object that lacks it", () => {
    const text = deployment.replace("        - name: web\n          image: web:1\n", "        - image: web:1\n");
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.message)).toEqual(['spec.template.spec.containers[0] is missing the required field "name"']);
    expect(findings[0]?.path).toBe("/spec/template/spec/containers/0/name");
    expect(findings[0]?.line).toBe(positionOf(text, "- image: web:1").line);
  });

  it("leaves a missing apps/v1 selector to selector-mismatch", () => {
    const text = deployment.replace("  selector: { matchLabels: { app: web } }\n", "");
    expect(findingsOf(RULE, text)).toEqual([]);
    expect(findingsOf("selector-mismatch", text)).toHaveLength(1);
  });

  it("reads null as unset, and ignores status", () => {
    const text =
      deployment.replace("          resources:\n", "          command:\n          resources:\n") + "status: { replicas: many }\n";
    expect(text).toContain("command:\n");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("accepts fields newer than the compiled schemas, and those their generator dropped", () => {
    const newer = deployment.replace("      containers:", "      hostnameOverride: web\n      containers:");
    expect(newer).toContain("hostnameOverride");
    expect(findingsOf(RULE, newer)).toEqual([]);
    // only where the field belongs
    expect(messages(deployment.replace("  replicas: 2\n", "  replicas: 2\n  hostnameOverride: web\n"))).toEqual([
      'spec has no field "hostnameOverride"',
    ]);
    const priority =
      "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: high }\nvalue: 1000\ndescription: for the checkout path\n";
    expect(findingsOf(RULE, priority)).toEqual([]);
  });

  it("checks Secrets' base64 data", () => {
    const secret = "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: { password: hunter2! }\n";
    expect(messages(secret)).toEqual([
      'data.password must be base64-encoded (plain text goes under stringData), not the string "hunter2!"',
    ]);
  });

  it("accepts base64 split over lines, which the API server's decoder reads, and nothing else between characters", () => {
    const encoded = Buffer.from("a certificate chain long enough to wrap over several lines of base64 text").toString("base64");
    const wrapped = encoded.replace(/(.{24})/g, "$1\n");
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  ca.crt: ${value}\n`;
    const block = `|\n    ${wrapped.trimEnd().split("\n").join("\n    ")}`;
    expect(findingsOf(RULE, secret(block))).toEqual([]);
    expect(findingsOf(RULE, secret(JSON.stringify(wrapped.replaceAll("\n", "\r\n"))))).toEqual([]);
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\nbinaryData:\n  blob: ${block}\n`;
    expect(findingsOf(RULE, configMap)).toEqual([]);
    // spaces are not skipped (a folded > block joins lines with them), and broken base64 stays broken
    expect(messages(secret(`>\n    ${wrapped.trimEnd().split("\n").join("\n    ")}`))).toHaveLength(1);
    expect(messages(secret(`|\n    ${encoded.slice(0, 24)}\n    !${encoded.slice(25)}`))).toHaveLength(1);
  });

  it("stays silent for custom resources and API versions without a schema", () => {
    expect(
      findingsOf(RULE, "apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { anything: [1, 2] }\n"),
    ).toEqual([]);
    expect(findingsOf(RULE, "apiVersion: apps/v9\nkind: Deployment\nmetadata: { name: d }\nspec: { nonsense: true }\n")).toEqual(
      [],
    );
  });

  it("honours kube-linter's ignore annotation for schema validation", () => {
    const text = deployment
      .replace("imagePullPolicy: IfNotPresent", "imagePullPolcy: IfNotPresent")
      .replace(
        "  labels: { app: web }\nspec",
        '  labels: { app: web }\n  annotations: { ignore-check.kube-linter.io/schema-validation: "generated" }\nspec',
      );
    expect(text).toContain("ignore-check");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with kube-linter's kubeconform fixture, object by object", () => {
    const findings = findingsOf(RULE, corpusFile("kube-linter/tests/checks/kubeconform.yml"));
    expect(findings.map((f) => `${f.resource.kind}/${f.resource.name}: ${f.message}`)).toEqual([
      'DaemonSet/invalid-daemonset: spec has no field "replicas"',
      'Pod/invalid-pod: spec has no field "invalidField"',
    ]);
  });
});
