/**
 * Files kubectl applies must be read, not reported as broken (issue #9, class 5). kubectl reads YAML
 * with sigs.k8s.io/yaml on go-yaml (libyaml's scanner): it lets a quoted scalar's continuation lines
 * sit at any indentation, takes a lone CR as a line break, and keeps the last of duplicate keys.
 */

import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";

const parse = (text: string) => parseManifestText(text, "m.yaml", "test");

describe("reading YAML as kubectl does", () => {
  it("reads a double-quoted multi-line value whose continuation sits at the key's indentation", () => {
    const { resources, problems } = parse(
      [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: folded",
        "  annotations:",
        '    description: "first line',
        '    second line"',
        "    owner: team-a",
        "data:",
        "  key: value",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(resources[0]?.object.metadata).toEqual({
      name: "folded",
      annotations: { description: "first line second line", owner: "team-a" },
    });
    expect(resources[0]?.source.locate("/data/key")).toEqual({ line: 10, column: 3 });
  });

  it("reads a single-quoted multi-line value at the key's indentation too", () => {
    const { resources, problems } = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 'one\n  two'\n");
    expect(problems).toEqual([]);
    expect(resources[0]?.object.data).toEqual({ a: "one two" });
  });

  it("reads a single-quoted JSON annotation whose closing line sits at the key's indentation", () => {
    const { resources, problems } = parse(
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: init",
        "  annotations:",
        "    example.com/init-containers: '[",
        "      {",
        '        "name": "wait",',
        '        "command": ["sh", "-c", "echo \\"waiting\\"; sleep 1"]',
        "      }",
        "    ]'",
        "spec:",
        "  containers: []",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    const metadata = resources[0]?.object.metadata as { annotations: Record<string, string> } | undefined;
    const annotation = metadata?.annotations["example.com/init-containers"];
    expect(JSON.parse(annotation as string)).toEqual([{ name: "wait", command: ["sh", "-c", 'echo "waiting"; sleep 1'] }]);
    expect(resources[0]?.source.locate("/spec/containers")).toEqual({ line: 13, column: 3 });
  });

  it("still reports a quote that is never closed", () => {
    const { resources, problems } = parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "never closed\n');
    expect(resources).toEqual([]);
    expect(problems[0]).toMatchObject({ kind: "syntax" });
  });

  it("reads a file with old Mac line endings (a lone CR)", () => {
    const { resources, problems } = parse("apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: mac\rdata:\r  a: b\r");
    expect(problems).toEqual([]);
    expect(resources[0]?.object).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "mac" }, data: { a: "b" } });
    expect(resources[0]?.source.locate("/data/a")).toEqual({ line: 6, column: 3 });
  });

  it("keeps an object with duplicate keys, identical or not, and warns once per repeated key", () => {
    const { resources, problems } = parse(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  name: dup\ndata:\n  a: first\n  a: second\n",
    );
    expect(resources).toHaveLength(1);
    expect(resources[0]?.object.data).toEqual({ a: "second" });
    expect(problems).toEqual([
      expect.objectContaining({ kind: "duplicate-key", line: 5, column: 3, message: expect.stringContaining('"name"') }),
      expect.objectContaining({ kind: "duplicate-key", line: 8, column: 3, message: expect.stringContaining('"a"') }),
    ]);
  });

  it("merges YAML 1.1 `<<` keys, with the map's own keys winning", () => {
    const { resources, problems } = parse(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\nx: &base {a: '1', b: '2'}\ndata:\n  <<: *base\n  b: own\n",
    );
    expect(problems).toEqual([]);
    expect(resources[0]?.object.data).toEqual({ a: "1", b: "own" });
  });

  it("reads a `__proto__` key as a key, never as the object's prototype", () => {
    const { resources } = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\ndata:\n  __proto__: x\n");
    const data = resources[0]?.object.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});
