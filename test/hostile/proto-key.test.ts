/** A `__proto__` key is a key like any other (issue #10 §6): never a schema-invalid false alarm. */

import { describe, expect, it } from "vitest";
import { lint } from "../rules/helpers.js";

describe("__proto__ keys", () => {
  it("in a ConfigMap's data and in labels are plain string keys, valid for the schema", () => {
    const text = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: proto",
      "  labels:",
      "    __proto__: x",
      "data:",
      "  __proto__: value",
      "  constructor: value",
      "",
    ].join("\n");
    expect(lint(text).filter((f) => f.rule === "schema-invalid" || f.rule === "yaml-syntax-error")).toEqual([]);
  });

  it("in a typed object is an unknown field, and what it holds is never read as the object's own fields", () => {
    const text = [
      "apiVersion: v1",
      "kind: Service",
      "metadata:",
      "  name: s",
      "spec:",
      "  __proto__: {type: NotAType, ports: 7}",
      "  ports: [{port: 80}]",
      "",
    ].join("\n");
    const findings = lint(text).filter((f) => f.rule === "schema-invalid");
    expect(findings.map((f) => f.path)).toEqual(["/spec/__proto__"]);
    expect(findings[0]?.message).toContain('no field "__proto__"');
  });
});
