import { describe, expect, it } from "vitest";
import { lint, yaml } from "./helpers.js";

const RULE = "yaml-duplicate-key";

describe(RULE, () => {
  const text = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: dup
    data:
      a: "1"
      a: "2"
  `;

  it("warns at the repeated key, naming it, and keeps the object as kubectl does", () => {
    const findings = lint(text);
    const [finding] = findings.filter((f) => f.rule === RULE);
    expect(finding).toMatchObject({ severity: "warning", line: 7, column: 3 });
    expect(finding?.message).toContain('duplicate key "a": only the last value is applied');
    expect(findings.filter((f) => f.rule === "yaml-syntax-error")).toEqual([]);
  });

  it("warns on identical values too: one of the two lines is dead text", () => {
    const same = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: dup
        name: dup
    `;
    expect(lint(same).filter((f) => f.rule === RULE)).toHaveLength(1);
  });

  it("stays silent without repeated keys", () => {
    expect(
      lint("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {a: '1', b: '2'}\n").filter((f) => f.rule === RULE),
    ).toEqual([]);
  });
});
