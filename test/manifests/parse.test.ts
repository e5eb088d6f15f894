import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";

const parse = (text: string) => parseManifestText(text, "m.yaml", "test");

describe("parseManifestText", () => {
  it("reads every document of a multi-document file and skips comment-only ones", () => {
    const { resources, problems } = parse(`# header comment
apiVersion: v1
kind: ConfigMap
metadata: {name: one}
---
# nothing but a comment
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
`);
    expect(problems).toEqual([]);
    expect(resources.map((r) => [r.name, r.source.documentIndex])).toEqual([
      ["one", 0],
      ["two", 2],
    ]);
  });

  it("does not split a document at a --- inside a block scalar", () => {
    const { resources } = parse(`apiVersion: v1
kind: ConfigMap
metadata:
  name: with-marker
data:
  front-matter.md: |
    ---
    title: not a document
    ---
`);
    expect(resources).toHaveLength(1);
    expect(resources[0]?.object.data).toMatchObject({ "front-matter.md": expect.stringContaining("title: not a document") });
  });

  it("expands kind: List into resources that keep their own positions", () => {
    const { resources } = parse(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: first
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: second
    spec:
      replicas: 2
`);
    expect(resources.map((r) => `${r.kind}/${r.name}@${r.source.listIndex}`)).toEqual(["Service/first@0", "Deployment/second@1"]);
    expect(resources[1]?.source.locate("/spec/replicas")).toEqual({ line: 13, column: 7 });
    expect(resources[1]?.source.locate("")).toEqual({ line: 8, column: 5 });
  });

  it("locates the exact key, or the nearest existing parent when the field is missing", () => {
    const { resources } = parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`);
    const locate = resources[0]?.source.locate;
    expect(locate?.("/spec/template/spec/containers/0/image")).toEqual({ line: 10, column: 11 });
    // resources is absent: the container's `- name:` line
    expect(locate?.("/spec/template/spec/containers/0/resources/limits")).toEqual({ line: 9, column: 11 });
    expect(locate?.("/spec/template/spec/containers/5")).toEqual({ line: 8, column: 7 });
  });

  it("reads JSON manifests with positions", () => {
    const { resources } = parse(`{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "json-pod"},
  "spec": {"containers": [{"name": "c", "image": "busybox"}]}
}`);
    expect(resources[0]?.name).toBe("json-pod");
    expect(resources[0]?.source.locate("/spec/containers/0/image")).toEqual({ line: 5, column: 41 });
  });

  it("reads values the way kubectl does (YAML 1.1)", () => {
    const { resources } = parse(`apiVersion: v1
kind: ConfigMap
metadata: {name: yaml11}
data:
  mode: 0755
  enabled: yes
  date: 2024-01-01
`);
    expect(resources[0]?.object.data).toEqual({ mode: 493, enabled: true, date: "2024-01-01" });
  });

  it("skips documents that are not Kubernetes objects, quietly", () => {
    const workflow = `name: CI
on: [push]
jobs:
  test: {runs-on: ubuntu-latest, steps: [{run: make}]}
`;
    const compose = `services:\n  web:\n    image: nginx\n`;
    const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n`;
    const kubeconfig = `apiVersion: v1\nkind: Config\nusers: [{name: admin, user: {token: abc}}]\n`;
    for (const text of [workflow, compose, kustomization, kubeconfig, "just a string\n", "- a\n- list\n"]) {
      expect(parse(text)).toEqual({ resources: [], problems: [] });
    }
  });

  it("loads unknown kinds and custom resources as resources", () => {
    const { resources } = parse(`apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: tls, namespace: web}
`);
    expect(resources[0]).toMatchObject({ apiVersion: "cert-manager.io/v1", kind: "Certificate", namespace: "web", name: "tls" });
  });

  it("reports a syntax error at its line and keeps the other documents", () => {
    const { resources, problems } = parse(`apiVersion: v1
kind: ConfigMap
metadata: {name: good}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data: [unclosed
`);
    expect(resources.map((r) => r.name)).toEqual(["good"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: "syntax", file: "m.yaml" });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(9);
    expect(problems[0]?.message).not.toMatch(/at line/);
  });

  it("reports duplicate keys and still reads the document", () => {
    const { resources, problems } = parse(`apiVersion: v1
kind: ConfigMap
metadata:
  name: dup
data:
  key: first
  key: second
`);
    expect(problems).toEqual([expect.objectContaining({ kind: "duplicate-key", line: 7, column: 3 })]);
    expect(problems[0]?.message).toContain('"key"');
    expect(resources[0]?.object.data).toEqual({ key: "second" });
  });

  it("bounds alias expansion instead of exhausting memory", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => `  ${l}`).join("\n")}\n`;
    const started = Date.now();
    const { resources, problems } = parse(bomb);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(resources).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: "syntax", line: 1 })]);
    expect(problems[0]?.message).toMatch(/alias/i);
  });
});
