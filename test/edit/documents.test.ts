import { describe, expect, it } from "vitest";
import { applyPatchesToYaml, applyPatchToYaml, EditError } from "../../src/edit/index.js";
import { edit, readAll, yaml } from "./helpers.js";

const file = yaml(
  "# Source: chart/templates/all.yaml",
  "---",
  "apiVersion: v1",
  "kind: Service",
  "metadata:",
  "  name: web",
  "...",
  "---",
  "# the deployment",
  "apiVersion: apps/v1",
  "kind: Deployment",
  "spec:",
  "  replicas: 2 # HPA owns this",
  "# trailing comment of the document",
  "--- {apiVersion: v1, kind: ConfigMap}",
);

describe("multi-document files", () => {
  it("edits one document and leaves the others byte for byte", () => {
    const result = edit(file, [{ op: "replace", path: "/spec/replicas", value: 3 }], {}, { documentIndex: 1 });
    expect(result).toBe(file.replace("replicas: 2", "replicas: 3"));
  });

  it("appends a key before the document's trailing comment and the next marker", () => {
    const result = edit(file, [{ op: "add", path: "/metadata", value: { name: "api" } }], {}, { documentIndex: 1 });
    expect(result).toBe(file.replace("# trailing comment", "metadata:\n  name: api\n# trailing comment"));
  });

  it("keeps a document that ends with `...`", () => {
    const result = edit(file, [{ op: "add", path: "/metadata/namespace", value: "prod" }], {}, { documentIndex: 0 });
    expect(result).toBe(file.replace("  name: web\n...", "  name: web\n  namespace: prod\n..."));
  });

  it("edits a flow document written on its marker line", () => {
    const result = edit(file, [{ op: "add", path: "/data", value: { a: "1" } }], {}, { documentIndex: 2 });
    expect(result).toBe(file.replace("kind: ConfigMap}", 'kind: ConfigMap, data: {a: "1"}}'));
  });

  it("keeps a document written on its marker line in flow style, where no block can start", () => {
    expect(edit(yaml("--- {}"), [{ op: "add", path: "/a", value: { b: 1 } }])).toBe(yaml("--- {a: {b: 1}}"));
    expect(edit(yaml("--- x"), [{ op: "replace", path: "", value: { b: [1] } }])).toBe(yaml("--- {b: [1]}"));
    expect(edit(yaml("{}"), [{ op: "add", path: "/a", value: { b: 1 } }])).toBe(yaml("a:", "  b: 1"));
  });

  it("applies patches to several documents in one go, all or nothing", () => {
    const result = applyPatchesToYaml(file, [
      { target: { documentIndex: 2 }, ops: [{ op: "add", path: "/data", value: {} }] },
      { target: { documentIndex: 0 }, ops: [{ op: "replace", path: "/metadata/name", value: "api" }] },
      { target: { documentIndex: 0 }, ops: [{ op: "add", path: "/metadata/labels", value: { a: "b" } }] },
    ]);
    expect(readAll(result.text)).toEqual([
      { apiVersion: "v1", kind: "Service", metadata: { name: "api", labels: { a: "b" } } },
      { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 2 } },
      { apiVersion: "v1", kind: "ConfigMap", data: {} },
    ]);
    expect(result.changedLines.map((change) => change.start)).toEqual([6, 15]);

    expect(() =>
      applyPatchesToYaml(file, [
        { target: { documentIndex: 0 }, ops: [{ op: "replace", path: "/metadata/name", value: "api" }] },
        { target: { documentIndex: 1 }, ops: [{ op: "remove", path: "/nope" }] },
      ]),
    ).toThrow(expect.objectContaining({ code: "invalid-patch", patchIndex: 1, opIndex: 0 }));
  });

  it("edits an item of a kind: List by its index", () => {
    const list = yaml(
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- kind: ServiceAccount",
      "  metadata: {name: a}",
      "- kind: ServiceAccount",
      "  metadata:",
      "    name: b",
    );
    expect(
      edit(list, [{ op: "add", path: "/automountServiceAccountToken", value: false }], {}, { documentIndex: 0, listIndex: 1 }),
    ).toBe(`${list}  automountServiceAccountToken: false\n`);
    expect(edit(list, [{ op: "replace", path: "", value: { kind: "X" } }], {}, { documentIndex: 0, listIndex: 0 })).toBe(
      list.replace("- kind: ServiceAccount\n  metadata: {name: a}", "- kind: X"),
    );
  });

  it("names a missing document or List item", () => {
    const run = (target: { documentIndex: number; listIndex?: number }) => () =>
      applyPatchToYaml(file, target, [{ op: "add", path: "/a", value: 1 }]);
    expect(run({ documentIndex: 3 })).toThrow(expect.objectContaining({ code: "no-such-target" }));
    expect(run({ documentIndex: 0, listIndex: 0 })).toThrow(expect.objectContaining({ code: "no-such-target" }));
    expect(() => applyPatchToYaml("# only a comment\n", { documentIndex: 0 }, [])).toThrow(EditError);
  });

  it("refuses a document that does not parse", () => {
    const broken = yaml("a: 1", "---", "b: [1", "c: 2");
    expect(() => applyPatchToYaml(broken, { documentIndex: 1 }, [])).toThrow(expect.objectContaining({ code: "invalid-yaml" }));
    expect(() => applyPatchToYaml(yaml("a: 1", "a: 2"), { documentIndex: 0 }, [])).toThrow(/unique/);
    // the good document can still be edited
    expect(edit(broken, [{ op: "replace", path: "/a", value: 2 }])).toBe(broken.replace("a: 1", "a: 2"));
  });
});

describe("line endings", () => {
  it("keeps CRLF line endings, also on new lines", () => {
    const text = "a: 1\r\nlist:\r\n  - x # c\r\n  - y\r\n";
    expect(
      edit(text, [
        { op: "add", path: "/b", value: { c: [1, 2] } },
        { op: "remove", path: "/list/0" },
      ]),
    ).toBe("a: 1\r\nlist:\r\n  - y\r\nb:\r\n  c:\r\n    - 1\r\n    - 2\r\n");
  });

  it("keeps a file without a final line break without one", () => {
    expect(edit("a: 1\nb:\n  c: 2", [{ op: "add", path: "/b/d", value: 3 }])).toBe("a: 1\nb:\n  c: 2\n  d: 3");
    expect(edit("a: 1\nb: 2", [{ op: "remove", path: "/b" }])).toBe("a: 1");
    expect(edit("a: 1\nb: 2", [{ op: "add", path: "/s", value: "x\ny\n" }])).toBe('a: 1\nb: 2\ns: "x\\ny\\n"');
    expect(edit("a: 1", [{ op: "replace", path: "/a", value: { b: 1 } }])).toBe("a:\n  b: 1");
  });

  it("writes nothing new when nothing changes", () => {
    const text = "a: 1 # c\r\n";
    const result = applyPatchToYaml(text, { documentIndex: 0 }, [{ op: "replace", path: "/a", value: 1 }]);
    expect(result).toEqual({ text, changed: false, changedLines: [] });
  });
});
