import { describe, expect, it } from "vitest";
import { instrumentTemplate, marker, stripMarkers, templateLine } from "../../src/helm/instrument.js";

const N = "t3st";

describe("line markers", () => {
  it("mark lines that end in text, and leave alone what a marker could break", () => {
    const template = [
      "apiVersion: v1", // 1
      "", // 2: blank
      "data:", // 3
      "  {{- $x := dict", // 4: ends inside an action
      '      "a" 1 }}', // 5
      "  a: {{ .Values.a -}}", // 6: trims what follows
      "---", // 7
      '{{- define "x" }}', // 8
      "inside: define", // 9
      "{{- end }}", // 10
    ].join("\n");
    const lines = instrumentTemplate(template, N).split("\n");
    expect(lines[0]).toBe(`apiVersion: v1${marker(N, 1)}`);
    expect(lines[1]).toBe("");
    expect(lines[2]).toBe(`data:${marker(N, 3)}`);
    expect(lines[3]).toBe("  {{- $x := dict");
    expect(lines[4]).toBe(`      "a" 1 }}${marker(N, 5)}`);
    expect(lines[5]).toBe("  a: {{ .Values.a -}}");
    expect(lines[6]).toBe("---");
    expect(lines[8]).toBe("inside: define");
    expect(lines[9]).toBe(`{{- end }}${marker(N, 10)}`);
  });

  it("come out of helm's output exactly, leaving each line's first marker", () => {
    const output = `kind: A${marker(N, 1)}${marker(N, 2)}\n  x: 1\n  y: 2${marker(N, 4)}\nz: "#plmnot:1;"`;
    const stripped = stripMarkers(output, N);
    expect(stripped.text).toBe('kind: A\n  x: 1\n  y: 2\nz: "#plmnot:1;"');
    expect(stripped.lines).toEqual([1, undefined, 4, undefined]);
  });

  it("give lines an action wrote the line of that action: the next marker below", () => {
    const lines = [1, undefined, 4, undefined];
    expect(templateLine(lines, 1)).toBe(4);
    expect(templateLine(lines, 3)).toBeUndefined();
  });
});
