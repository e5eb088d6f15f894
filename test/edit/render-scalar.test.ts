import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { plainAllowed, renderKey, renderLiteral, renderScalar } from "../../src/edit/render-scalar.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

describe("scalar rendering", () => {
  it.each([
    "1.0",
    "true",
    "0755",
    "yes",
    "on",
    "Off",
    "y",
    "",
    "~",
    "null",
    "1_000",
    "0o17",
    "0x1F",
    "12:30",
    ".inf",
    "2024-01-01",
  ])("quotes %j", (text) => {
    expect(plainAllowed(text, { flow: false })).toBe(false);
    expect(renderScalar(text, { flow: false })).toBe(JSON.stringify(text));
  });

  it.each([" lead", "trail ", "a: b", "a #b", "#c", "- x", "*x", "&x", "!x", "%x", "@x", "`x", "|x", ">x", "'x", '"x', "a:"])(
    "quotes %j, which a plain scalar cannot start or hold",
    (text) => {
      expect(plainAllowed(text, { flow: false })).toBe(false);
    },
  );

  it("is stricter inside flow collections", () => {
    expect(plainAllowed("a,b", { flow: false })).toBe(true);
    expect(plainAllowed("a,b", { flow: true })).toBe(false);
    expect(plainAllowed("x]", { flow: true })).toBe(false);
  });

  it("reads back every rendering as the same value", () => {
    const values = ["plain", "it's", 'say "hi"', "tab\t", "nl\nx", "\u0007bell", "\u2028", "é", "1e3", "-1", "--x"];
    for (const value of values) {
      for (const flow of [false, true]) {
        const rendered = renderScalar(value, { flow });
        const read = flow
          ? (parse(`[${rendered}]`, KUBE_YAML) as unknown[])[0]
          : (parse(`k: ${rendered}`, KUBE_YAML) as { k: unknown }).k;
        expect(read).toBe(value);
      }
    }
    for (const number of [0, -3, 2.5, 1e21, 1.5e-7])
      expect(parse(`k: ${renderScalar(number, { flow: false })}`, KUBE_YAML).k).toBe(number);
  });

  it("keeps single quotes when asked and possible", () => {
    expect(renderScalar("x", { flow: false }, "QUOTE_SINGLE")).toBe("'x'");
    expect(renderScalar("a\nb", { flow: false }, "QUOTE_SINGLE")).toBe('"a\\nb"');
  });

  it("quotes keys that would read as booleans, nulls or merges", () => {
    expect(renderKey("y", false)).toBe('"y"');
    expect(renderKey("<<", false)).toBe('"<<"');
    expect(renderKey("", false)).toBe('""');
    expect(renderKey("app.kubernetes.io/name", false)).toBe("app.kubernetes.io/name");
  });

  it("writes literal blocks only when they hold the string exactly", () => {
    expect(renderLiteral("a\nb\n", 2)).toEqual({ header: "|", lines: ["  a", "  b"] });
    expect(renderLiteral("a\n\nb", 4)).toEqual({ header: "|-", lines: ["    a", "", "    b"] });
    expect(renderLiteral("a\n\n", 2)).toBeUndefined();
    expect(renderLiteral(" a\nb", 2)).toBeUndefined();
    expect(renderLiteral("a\r\nb", 2)).toBeUndefined();
    expect(renderLiteral("single line", 2)).toBeUndefined();
  });
});
