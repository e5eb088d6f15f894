/**
 * A file is a template only when template syntax stands where YAML structure is, or when it sits in a
 * chart's templates/ (issue #9, class 2). `{{ }}` inside strings (Grafana dashboards, Alertmanager
 * templates, alert descriptions) is data, and such a file is checked. Anything skipped is said.
 */

import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";

const parse = (text: string) => parseManifestText(text, "m.yaml", "test");
const head = (kind: string, name: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;

describe("{{ }} in a manifest", () => {
  it("inside a block scalar (a Grafana dashboard in a ConfigMap) is data", () => {
    const text = `${head("ConfigMap", "dashboard")}data:\n  board.json: |\n    {"title": "{{ $labels.job }}", "panels": []}\n`;
    const { resources, template } = parse(text);
    expect(template).toBeUndefined();
    expect(resources.map((r) => r.name)).toEqual(["dashboard"]);
  });

  it("inside quoted and plain strings (Alertmanager and alert templates) is data", () => {
    const text = [
      "apiVersion: monitoring.coreos.com/v1",
      "kind: PrometheusRule",
      "metadata:",
      "  name: alerts",
      "spec:",
      "  groups:",
      "    - name: node",
      "      rules:",
      "        - alert: Down",
      "          annotations:",
      '            summary: "{{ $labels.instance }} is down"',
      "            description: Instance {{ $labels.instance }} has been down for 5 minutes",
      "",
    ].join("\n");
    const { resources, template } = parse(text);
    expect(template).toBeUndefined();
    expect(resources).toHaveLength(1);
  });

  it("as a whole value (a flow mapping to YAML) makes a template", () => {
    const { resources, template } = parse(`${head("ConfigMap", "x")}spec:\n  replicas: {{ .Values.replicas }}\n`);
    expect(template).toBe(true);
    expect(resources).toEqual([]);
  });

  it("in a key makes a template", () => {
    expect(parse(`${head("ConfigMap", "x")}data:\n  key-{{ .Values.suffix }}: v\n`).template).toBe(true);
  });

  it("on whole lines (control flow) makes a template", () => {
    const text = `{{- if .Values.enabled }}\n${head("ConfigMap", "x")}{{- end }}\n`;
    expect(parse(text).template).toBe(true);
  });

  it("only in a comment is nothing", () => {
    expect(parse(`# {{ .Values.x }}\n${head("ConfigMap", "x")}`).template).toBeUndefined();
  });
});

describe("loading templates", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "plumbline-templates-"));
    const files: Record<string, string> = {
      "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "chart/templates/plain.yaml": head("ConfigMap", "plain-in-chart"),
      "chart/templates/deployment.yaml": `${head("ConfigMap", "t")}data:\n  a: {{ .Values.a }}\n`,
      "apps/loose-template.yaml": `${head("ConfigMap", "loose")}data:\n  a: {{ .Values.a }}\n`,
      "apps/alerts.yaml": `${head("ConfigMap", "alerts")}data:\n  tmpl: '{{ define "x" }}{{ end }}'\n`,
      "apps/templates/not-a-chart.yaml": head("ConfigMap", "no-chart-above"),
    };
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), content);
    }
  });

  it("never lints a chart's templates raw, even plain ones: without helm, one notice for the chart", async () => {
    const set = await loadManifests(["chart"], { cwd: root, helm: { helm: "plumbline-test-no-such-helm" } });
    expect(set.resources).toEqual([]);
    expect(set.problems).toEqual([expect.objectContaining({ kind: "no-helm", file: path.join("chart", "Chart.yaml"), line: 1 })]);
  });

  it("checks a manifest with {{ }} in strings and says which loose file is a template", async () => {
    const set = await loadManifests(["apps"], { cwd: root });
    expect(set.resources.map((r) => r.name).sort()).toEqual(["alerts", "no-chart-above"]);
    expect(set.problems).toEqual([expect.objectContaining({ kind: "template", file: path.join("apps", "loose-template.yaml") })]);
  });
});
