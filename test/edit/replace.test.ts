import { describe, expect, it } from "vitest";
import { sameQuantity } from "../../src/k8s/quantity.js";
import { edit, yaml } from "./helpers.js";

describe("replace a scalar", () => {
  it("changes only the value, keeping the key's line comment and spacing", () => {
    const text = yaml("spec:", "  replicas: 3    # scaled by hand", "  paused: false");
    expect(edit(text, [{ op: "replace", path: "/spec/replicas", value: 5 }])).toBe(
      yaml("spec:", "  replicas: 5    # scaled by hand", "  paused: false"),
    );
  });

  it.each([
    ["'nginx:1.14'", "nginx:1.25", "'nginx:1.25'"],
    ['"nginx:1.14"', "nginx:1.25", '"nginx:1.25"'],
    ["nginx:1.14", "nginx:1.25", "nginx:1.25"],
    ["'a'", "it's", "'it''s'"],
    ['"a"', 'say "hi"', '"say \\"hi\\""'],
  ])("keeps the quote style of %s when the new value allows it", (old, value, written) => {
    expect(edit(yaml(`image: ${old}`), [{ op: "replace", path: "/image", value }])).toBe(yaml(`image: ${written}`));
  });

  it("switches a single-quoted scalar to double quotes for a value single quotes cannot hold", () => {
    expect(edit(yaml("a: 'x'"), [{ op: "replace", path: "/a", value: "tab\there\u0001" }])).toBe(yaml('a: "tab\\there\\u0001"'));
  });

  it("writes numbers and booleans plain even where a string was quoted", () => {
    expect(edit(yaml("port: '80'", "on: 'yes'"), [{ op: "replace", path: "/port", value: 8080 }])).toBe(
      yaml("port: 8080", "on: 'yes'"),
    );
    expect(edit(yaml('enabled: "true"'), [{ op: "replace", path: "/enabled", value: false }])).toBe(yaml("enabled: false"));
  });

  it.each(["1.0", "true", "0755", "yes", "on", "", "~", "null", "1_000", "0o17", "2024-01-01", "12:30"])(
    "quotes the string %j, which YAML would otherwise read as another type",
    (value) => {
      const result = edit(yaml("v: plain"), [{ op: "replace", path: "/v", value }]);
      expect(result).toBe(yaml(`v: ${JSON.stringify(value)}`));
    },
  );

  it.each(["nginx:1.25", "100m", "--port=8080", "app.kubernetes.io/name", "a b c", "ünïcode"])(
    "leaves the string %j plain",
    (value) => {
      expect(edit(yaml("v: x"), [{ op: "replace", path: "/v", value }])).toBe(yaml(`v: ${value}`));
    },
  );

  it("keeps the user's spelling when the value is already equal", () => {
    const text = yaml("a: yes", "b: 0x1F", "c: '80'", "d: ~");
    const ops = [
      { op: "replace", path: "/a", value: true },
      { op: "replace", path: "/b", value: 31 },
      { op: "replace", path: "/c", value: "80" },
      { op: "replace", path: "/d", value: null },
    ] as const;
    expect(edit(text, [...ops])).toBe(text);
  });

  it("keeps an equivalent spelling when keepEquivalent says so (quantities)", () => {
    const text = yaml("resources:", "  limits:", "    cpu: 1000m", "    memory: 1Gi");
    const options = { keepEquivalent: sameQuantity };
    expect(
      edit(
        text,
        [
          { op: "replace", path: "/resources/limits/cpu", value: "1" },
          { op: "replace", path: "/resources/limits/memory", value: "1024Mi" },
        ],
        options,
      ),
    ).toBe(text);
    expect(edit(text, [{ op: "replace", path: "/resources/limits/cpu", value: "2" }], options)).toBe(
      yaml("resources:", "  limits:", '    cpu: "2"', "    memory: 1Gi"),
    );
  });

  it("asks keepEquivalent only about scalars", () => {
    const calls: unknown[][] = [];
    const keepEquivalent = (a: unknown, b: unknown) => {
      calls.push([a, b]);
      return false;
    };
    edit(yaml("a:", "  b: 1"), [{ op: "replace", path: "/a", value: { b: 2 } }], { keepEquivalent });
    expect(calls).toEqual([[1, 2]]);
  });

  it("fills an empty value after the colon, keeping its comment", () => {
    expect(edit(yaml("a:", "b: # later", "c: 1"), [{ op: "replace", path: "/b", value: "x" }])).toBe(
      yaml("a:", "b: x # later", "c: 1"),
    );
  });

  it("replaces an alias with a value, leaving the anchor alone", () => {
    expect(edit(yaml("a: &x 1", "b: *x"), [{ op: "replace", path: "/b", value: 2 }])).toBe(yaml("a: &x 1", "b: 2"));
  });

  it("replaces inside a flow collection in place", () => {
    expect(edit(yaml("a: {x: 1, y: 'q'}", "b: [1, 2]"), [{ op: "replace", path: "/a/x", value: "two words" }])).toBe(
      yaml("a: {x: two words, y: 'q'}", "b: [1, 2]"),
    );
    expect(edit(yaml("b: [1, 2]"), [{ op: "replace", path: "/b/1", value: "a,b" }])).toBe(yaml('b: [1, "a,b"]'));
  });
});

describe("replace with another shape", () => {
  it("turns a scalar into a block mapping, moving the line comment to the key", () => {
    expect(edit(yaml("a: 1 # keep me", "b: 2"), [{ op: "replace", path: "/a", value: { x: 1, z: [true] } }])).toBe(
      yaml("a: # keep me", "  x: 1", "  z:", "    - true", "b: 2"),
    );
  });

  it("turns a block mapping into a scalar, dropping its inner lines", () => {
    const text = yaml("a: # about a", "  x: 1", "  # inner", "  y: 2", "b: 3");
    expect(edit(text, [{ op: "replace", path: "/a", value: "gone" }])).toBe(yaml("a: gone # about a", "b: 3"));
  });

  it("replaces a sequence item with a mapping in compact style", () => {
    expect(edit(yaml("- a", "- b"), [{ op: "replace", path: "/0", value: { name: "x", ports: [80] } }])).toBe(
      yaml("- name: x", "  ports:", "    - 80", "- b"),
    );
  });

  it("keeps a flow collection in flow style", () => {
    expect(edit(yaml("args: [a, b] # flags"), [{ op: "replace", path: "/args", value: ["--x", "--y=1"] }])).toBe(
      yaml("args: [--x, --y=1] # flags"),
    );
  });

  it("edits only what differs when a whole object is replaced", () => {
    const text = yaml(
      "containers:",
      "  - name: web # the app",
      "    image: 'nginx:1.14'",
      "    # probes come later",
      "    ports:",
      "      - containerPort: 80",
      "  - name: sidecar",
      "    image: envoy",
    );
    const value = [
      { name: "web", image: "nginx:1.25", ports: [{ containerPort: 80 }] },
      { name: "sidecar", image: "envoy" },
    ];
    expect(edit(text, [{ op: "replace", path: "/containers", value }])).toBe(text.replace("'nginx:1.14'", "'nginx:1.25'"));
  });

  it("matches list items by value, so removing the first item keeps the others' lines", () => {
    const text = yaml("args:", "  - --a # first", "  - --b # second", "  - --c # third");
    expect(edit(text, [{ op: "replace", path: "/args", value: ["--b", "--c"] }])).toBe(
      yaml("args:", "  - --b # second", "  - --c # third"),
    );
  });

  it("writes a multi-line string as a literal block, and a block replaced keeps its style", () => {
    expect(edit(yaml("a: 1", "b: 2"), [{ op: "replace", path: "/a", value: "line 1\nline 2\n" }])).toBe(
      yaml("a: |", "  line 1", "  line 2", "b: 2"),
    );
    expect(edit(yaml("s: |-", "  old", "  text", "n: 1"), [{ op: "replace", path: "/s", value: "new\ntext" }])).toBe(
      yaml("s: |-", "  new", "  text", "n: 1"),
    );
  });

  it("replaces a block scalar with a one-line value, keeping its header comment", () => {
    expect(edit(yaml("script: | # run me", "  echo hi", "next: 1"), [{ op: "replace", path: "/script", value: "x" }])).toBe(
      yaml("script: x # run me", "next: 1"),
    );
  });

  it("keeps a double-quoted style for multi-line strings", () => {
    expect(edit(yaml('msg: "a"'), [{ op: "replace", path: "/msg", value: "a\nb" }])).toBe(yaml('msg: "a\\nb"'));
  });

  it("quotes multi-line strings that a literal block cannot hold exactly", () => {
    expect(edit(yaml("msg: a"), [{ op: "replace", path: "/msg", value: "  indented\nfirst line" }])).toBe(
      yaml('msg: "  indented\\nfirst line"'),
    );
    expect(edit(yaml("msg: a"), [{ op: "replace", path: "/msg", value: "kept\n\n" }])).toBe(yaml('msg: "kept\\n\\n"'));
  });

  it("replaces the whole document", () => {
    expect(edit(yaml("# header", "a: 1", "b: 2"), [{ op: "replace", path: "", value: { c: [1] } }])).toBe(
      yaml("# header", "c:", "  - 1"),
    );
  });
});
