import { describe, expect, it } from "vitest";
import { applyPatchToYaml, EditError } from "../../src/edit/index.js";
import { edit, yaml } from "./helpers.js";

describe("add to a mapping", () => {
  it("puts a new key at the end of the mapping, at its indentation", () => {
    const text = yaml("metadata:", "  name: web", "  labels:", "    app: web # the app", "spec: {}");
    expect(edit(text, [{ op: "add", path: "/metadata/labels/tier", value: "backend" }])).toBe(
      yaml("metadata:", "  name: web", "  labels:", "    app: web # the app", "    tier: backend", "spec: {}"),
    );
  });

  it("goes after the last entry's nested lines and its deeper comments, before the next section's comment", () => {
    const text = yaml("spec:", "  template:", "    image: x", "    # about the image", "  # replicas below", "status: {}");
    expect(edit(text, [{ op: "add", path: "/spec/paused", value: true }])).toBe(
      yaml("spec:", "  template:", "    image: x", "    # about the image", "  paused: true", "  # replicas below", "status: {}"),
    );
  });

  it("goes after a block scalar value", () => {
    expect(
      edit(yaml("data:", "  run.sh: |", "    echo hi", "", "kind: ConfigMap"), [{ op: "add", path: "/data/b", value: "2" }]),
    ).toBe(yaml("data:", "  run.sh: |", "    echo hi", '  b: "2"', "", "kind: ConfigMap"));
  });

  it("renders a new object in block style with the document's indentation", () => {
    const text = yaml("spec:", "    containers:", "    -   name: web", "        image: nginx");
    expect(
      edit(text, [{ op: "add", path: "/spec/containers/0/resources", value: { limits: { cpu: "100m" }, args: ["a"] } }]),
    ).toBe(
      yaml(
        "spec:",
        "    containers:",
        "    -   name: web",
        "        image: nginx",
        "        resources:",
        "            limits:",
        "                cpu: 100m",
        "            args:",
        "            -   a",
      ),
    );
  });

  it("indents sequences under their key the way the document does", () => {
    const kubectlStyle = yaml("spec:", "  containers:", "  - name: a");
    expect(edit(kubectlStyle, [{ op: "add", path: "/spec/volumes", value: [{ name: "v" }] }])).toBe(
      yaml("spec:", "  containers:", "  - name: a", "  volumes:", "  - name: v"),
    );
    const indented = yaml("spec:", "  containers:", "    - name: a");
    expect(edit(indented, [{ op: "add", path: "/spec/volumes", value: [{ name: "v" }] }])).toBe(
      yaml("spec:", "  containers:", "    - name: a", "  volumes:", "    - name: v"),
    );
  });

  it("turns an empty flow mapping among block lines into a block", () => {
    expect(edit(yaml("resources: {} # none yet", "x: 1"), [{ op: "add", path: "/resources/limits", value: { cpu: 1 } }])).toBe(
      yaml("resources: # none yet", "  limits:", "    cpu: 1", "x: 1"),
    );
  });

  it("keeps a flow mapping in flow style", () => {
    expect(edit(yaml("labels: {app: web}"), [{ op: "add", path: "/labels/tier", value: "on" }])).toBe(
      yaml('labels: {app: web, tier: "on"}'),
    );
    expect(edit(yaml("a: [{}]"), [{ op: "add", path: "/a/0/k", value: { b: [1] } }])).toBe(yaml("a: [{k: {b: [1]}}]"));
  });

  it("adds into a multi-line flow mapping one entry per line", () => {
    expect(edit(yaml("m: {", "  a: 1,", "  b: 2", "}"), [{ op: "add", path: "/m/c", value: 3 }])).toBe(
      yaml("m: {", "  a: 1,", "  b: 2,", "  c: 3", "}"),
    );
  });

  it("replaces the value when the key exists (add means set)", () => {
    expect(edit(yaml("a: 1 # c", "b: 2"), [{ op: "add", path: "/a", value: 5 }])).toBe(yaml("a: 5 # c", "b: 2"));
  });

  it("quotes keys that would read as something else", () => {
    expect(
      edit(yaml("a: 1"), [
        { op: "add", path: "/y", value: 1 },
        { op: "add", path: "/on", value: 2 },
        { op: "add", path: "/", value: 3 },
        { op: "add", path: "/key: x", value: 4 },
        { op: "add", path: "/<<", value: 5 },
        { op: "add", path: "/app.kubernetes.io~1name", value: "web" },
      ]),
    ).toBe(yaml("a: 1", '"y": 1', '"on": 2', '"": 3', '"key: x": 4', '"<<": 5', "app.kubernetes.io/name: web"));
  });

  it("adds next to a merge key", () => {
    expect(edit(yaml("base: &b {x: 1}", "m:", "  <<: *b", "  y: 2"), [{ op: "add", path: "/m/z", value: 3 }])).toBe(
      yaml("base: &b {x: 1}", "m:", "  <<: *b", "  y: 2", "  z: 3"),
    );
  });

  it("refuses a missing parent (RFC 6902), without touching the text", () => {
    const text = yaml("a: 1");
    expect(() => applyPatchToYaml(text, { documentIndex: 0 }, [{ op: "add", path: "/x/y", value: 1 }])).toThrow(EditError);
    try {
      applyPatchToYaml(text, { documentIndex: 0 }, [{ op: "add", path: "/x/y", value: 1 }]);
    } catch (error) {
      expect((error as EditError).code).toBe("invalid-patch");
      expect((error as EditError).opIndex).toBe(0);
    }
  });
});

describe("add to a sequence", () => {
  const list = yaml("args:", "  # first", "  - --a", "  # second", "  - --b # b", "after: 1");

  it("appends at /-", () => {
    expect(edit(list, [{ op: "add", path: "/args/-", value: "--c" }])).toBe(
      yaml("args:", "  # first", "  - --a", "  # second", "  - --b # b", "  - --c", "after: 1"),
    );
  });

  it("inserts before an item, above that item's comment", () => {
    expect(edit(list, [{ op: "add", path: "/args/1", value: "--z" }])).toBe(
      yaml("args:", "  # first", "  - --a", "  - --z", "  # second", "  - --b # b", "after: 1"),
    );
    expect(edit(list, [{ op: "add", path: "/args/0", value: "--z" }])).toBe(
      yaml("args:", "  - --z", "  # first", "  - --a", "  # second", "  - --b # b", "after: 1"),
    );
  });

  it("appends a mapping in compact style", () => {
    expect(edit(yaml("ports:", "- port: 80"), [{ op: "add", path: "/ports/-", value: { port: 443, name: "https" } }])).toBe(
      yaml("ports:", "- port: 80", "- port: 443", "  name: https"),
    );
  });

  it("grows an empty flow sequence among block lines into a block one", () => {
    expect(edit(yaml("env: []", "x: 1"), [{ op: "add", path: "/env/-", value: { name: "A", value: "1" } }])).toBe(
      yaml("env:", "  - name: A", '    value: "1"', "x: 1"),
    );
  });

  it("inserts into flow sequences, one per line when written so", () => {
    expect(edit(yaml("a: [1, 3]"), [{ op: "add", path: "/a/1", value: 2 }])).toBe(yaml("a: [1, 2, 3]"));
    expect(edit(yaml("a: []"), [{ op: "add", path: "/a/0", value: "x" }])).toBe(yaml("a:", "  - x"));
    expect(edit(yaml("a: [[]]"), [{ op: "add", path: "/a/0/-", value: "x" }])).toBe(yaml("a: [[x]]"));
    expect(edit(yaml("a: [", "  1,", "  3,", "]"), [{ op: "add", path: "/a/1", value: 2 }])).toBe(
      yaml("a: [", "  1,", "  2,", "  3,", "]"),
    );
    expect(edit(yaml("a: [", "  1,", "  2", "]"), [{ op: "add", path: "/a/-", value: 3 }])).toBe(
      yaml("a: [", "  1,", "  2,", "  3", "]"),
    );
  });

  it("adds to nested compact sequences", () => {
    expect(edit(yaml("- - a", "  - b"), [{ op: "add", path: "/0/-", value: "c" }])).toBe(yaml("- - a", "  - b", "  - c"));
    expect(edit(yaml("- - a", "  - b"), [{ op: "add", path: "/0/0", value: "z" }])).toBe(yaml("- - z", "  - a", "  - b"));
  });

  it("refuses an index past the end or written with a leading zero", () => {
    for (const path of ["/args/3", "/args/01", "/args/x"]) {
      expect(() => applyPatchToYaml(list, { documentIndex: 0 }, [{ op: "add", path, value: 1 }])).toThrow(/operation 0/);
    }
  });
});
