import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/manifests/inputs.js";
import { loadManifests } from "../../src/manifests/load.js";

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "plumbline-load-"));
  const files: Record<string, string | Buffer> = {
    "app/a.yaml": configMap("a"),
    "app/nested/b.yml": configMap("b"),
    "app/c.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }),
    "app/notes.txt": configMap("not-a-manifest-extension"),
    "app/node_modules/pkg/d.yaml": configMap("vendored"),
    "chart/Chart.yaml": "apiVersion: v2\nname: chart\nversion: 1.0.0\n",
    "chart/values.yaml": "replicas: 2\n",
    "chart/templates/deployment.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n`,
    "commented/x.yaml": `# renders with {{ .Values }} in a comment only\n${configMap("commented")}`,
    "big/huge.yaml": configMap("huge") + `# ${"x".repeat(2048)}\n`,
    "bin/blob.yaml": Buffer.from([0x61, 0x70, 0x69, 0x00, 0x01, 0x02]),
  };
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
});

const names = (set: Awaited<ReturnType<typeof loadManifests>>) => set.resources.map((r) => r.name).sort();

describe("loadManifests", () => {
  it("walks directories recursively for .yaml, .yml and .json, skipping node_modules", async () => {
    const set = await loadManifests(["app"], { cwd: root });
    expect(names(set)).toEqual(["a", "b", "c"]);
    expect(set.files).toEqual(["app/a.yaml", "app/c.json", "app/nested/b.yml"]);
  });

  it("keeps the path as the user gave it", async () => {
    const set = await loadManifests(["./app/"], { cwd: root });
    expect(set.resources.find((r) => r.name === "a")?.source.file).toBe("app/a.yaml");
  });

  it("expands globs", async () => {
    const set = await loadManifests(["app/**/*.yml"], { cwd: root });
    expect(names(set)).toEqual(["b"]);
  });

  it("reads a named file whatever its extension", async () => {
    expect(names(await loadManifests(["app/notes.txt"], { cwd: root }))).toEqual(["not-a-manifest-extension"]);
  });

  it("reads - from stdin", async () => {
    const set = await loadManifests(["-"], { cwd: root, readStdin: async () => configMap("piped") });
    expect(set.resources.map((r) => [r.name, r.source.file])).toEqual([["piped", "<stdin>"]]);
  });

  it("throws an InputError naming a path that does not exist", async () => {
    await expect(loadManifests(["missing/dir"], { cwd: root })).rejects.toThrow(InputError);
    await expect(loadManifests(["missing/dir"], { cwd: root })).rejects.toThrow("missing/dir: no such file or directory");
    await expect(loadManifests(["nothing/**/*.yaml"], { cwd: root })).rejects.toThrow("no file matches");
  });

  it("never reads a chart's templates and metadata raw: the chart is rendered, or (no helm) said once", async () => {
    const set = await loadManifests(["chart"], { cwd: root, helm: { helm: "plumbline-test-no-such-helm" } });
    expect(set.resources).toEqual([]);
    expect(set.problems).toEqual([expect.objectContaining({ kind: "no-helm", file: path.join("chart", "Chart.yaml") })]);
  });

  it("does not mistake a {{ }} in a comment for a template", async () => {
    expect(names(await loadManifests(["commented"], { cwd: root }))).toEqual(["commented"]);
  });

  it("reports and skips files over the size limit", async () => {
    const set = await loadManifests(["big"], { cwd: root, maxFileSize: 1024 });
    expect(set.resources).toEqual([]);
    expect(set.problems).toEqual([expect.objectContaining({ kind: "too-large", file: "big/huge.yaml", line: 1 })]);
  });

  it("reports and skips binary files", async () => {
    const set = await loadManifests(["bin"], { cwd: root });
    expect(set.problems).toEqual([expect.objectContaining({ kind: "binary", file: "bin/blob.yaml" })]);
  });

  it("leaves alone what the configuration ignores", async () => {
    const set = await loadManifests(["app"], { cwd: root, isIgnored: (file) => file.includes("nested") });
    expect(names(set)).toEqual(["a", "c"]);
  });
});
