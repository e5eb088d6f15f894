import { describe, expect, it } from "vitest";
import { edit, yaml } from "./helpers.js";

describe("remove from a mapping", () => {
  it("removes the entry with its nested lines and the comment lines directly above it", () => {
    const text = yaml("spec:", "  # how many", "  replicas: 3", "  # the pod", "  template:", "    image: x", "  paused: false");
    expect(edit(text, [{ op: "remove", path: "/spec/replicas" }])).toBe(
      yaml("spec:", "  # the pod", "  template:", "    image: x", "  paused: false"),
    );
    expect(edit(text, [{ op: "remove", path: "/spec/template" }])).toBe(
      yaml("spec:", "  # how many", "  replicas: 3", "  paused: false"),
    );
  });

  it("keeps a comment separated from the entry by a blank line", () => {
    const text = yaml("a: 1", "# section header", "", "b: 2", "c: 3");
    expect(edit(text, [{ op: "remove", path: "/b" }])).toBe(yaml("a: 1", "# section header", "", "c: 3"));
  });

  it("takes the blank lines that separated a removed last entry", () => {
    expect(edit(yaml("a: 1", "", "b: 2", "", "c: 3"), [{ op: "remove", path: "/c" }])).toBe(yaml("a: 1", "", "b: 2"));
    expect(edit(yaml("a: 1", "", "b: 2", "", "c: 3"), [{ op: "remove", path: "/b" }])).toBe(yaml("a: 1", "", "c: 3"));
  });

  it("leaves {} when the last key goes, keeping the key's comment", () => {
    expect(
      edit(yaml("metadata:", "  labels: # set by CI", "    app: web", "  name: x"), [
        { op: "remove", path: "/metadata/labels/app" },
      ]),
    ).toBe(yaml("metadata:", "  labels: {} # set by CI", "  name: x"));
  });

  it("removes the first key of a compact sequence item, pulling the next key onto the dash line", () => {
    expect(edit(yaml("- name: a", "  image: x", "- k"), [{ op: "remove", path: "/0/name" }])).toBe(yaml("- image: x", "- k"));
  });

  it("keeps the next key's comment when the first key of a compact item goes", () => {
    expect(edit(yaml("- name: a", "  # about the image", "  image: x"), [{ op: "remove", path: "/0/name" }])).toBe(
      yaml("- # about the image", "  image: x"),
    );
  });

  it("removes from flow mappings", () => {
    expect(edit(yaml("m: {a: 1, b: 2, c: 3}"), [{ op: "remove", path: "/m/b" }])).toBe(yaml("m: {a: 1, c: 3}"));
    expect(edit(yaml("m: {a: 1, b: 2, c: 3}"), [{ op: "remove", path: "/m/c" }])).toBe(yaml("m: {a: 1, b: 2}"));
    expect(edit(yaml("m: { a: 1 } # c"), [{ op: "remove", path: "/m/a" }])).toBe(yaml("m: {} # c"));
  });
});

describe("remove from a sequence", () => {
  const list = yaml(
    "containers:",
    "  # the app",
    "  - name: web # main",
    "    image: nginx",
    "  # logs",
    "  - name: logger",
    "    image: fluent",
    "    # tail comment of logger",
    "  # - name: disabled",
    "volumes: []",
  );

  it("removes an item and its own comments, keeping the others'", () => {
    expect(edit(list, [{ op: "remove", path: "/containers/0" }])).toBe(
      yaml(
        "containers:",
        "  # logs",
        "  - name: logger",
        "    image: fluent",
        "    # tail comment of logger",
        "  # - name: disabled",
        "volumes: []",
      ),
    );
    expect(edit(list, [{ op: "remove", path: "/containers/1" }])).toBe(
      yaml("containers:", "  # the app", "  - name: web # main", "    image: nginx", "  # - name: disabled", "volumes: []"),
    );
  });

  it("leaves [] when the last item goes", () => {
    expect(edit(yaml("args:", "- a", "next: 1"), [{ op: "remove", path: "/args/0" }])).toBe(yaml("args: []", "next: 1"));
  });

  it("removes from flow sequences", () => {
    expect(edit(yaml("a: [1, 2, 3]"), [{ op: "remove", path: "/a/0" }])).toBe(yaml("a: [2, 3]"));
    expect(edit(yaml("a: [1, 2, 3]"), [{ op: "remove", path: "/a/2" }])).toBe(yaml("a: [1, 2]"));
    expect(edit(yaml("a: [1]"), [{ op: "remove", path: "/a/0" }])).toBe(yaml("a: []"));
    expect(edit(yaml("a: [", "  1,", "  2,", "]"), [{ op: "remove", path: "/a/0" }])).toBe(yaml("a: [", "  2,", "]"));
  });

  it("removes several items in a row, each index read after the one before", () => {
    expect(
      edit(yaml("- a", "- b", "- c", "- d"), [
        { op: "remove", path: "/1" },
        { op: "remove", path: "/1" },
      ]),
    ).toBe(yaml("- a", "- d"));
  });
});
