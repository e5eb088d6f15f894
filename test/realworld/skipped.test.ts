import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check.js";
import { silentlySkipped } from "./skipped.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function repo(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "plumbline-skipped-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A check result that read objects from `read` only. */
function readOnly(read: string[]): CheckResult {
  const resources = read.map((file) => ({ source: { file } }));
  return { findings: [], manifests: { resources, problems: [], files: read } } as unknown as CheckResult;
}

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: ${value}\n`;

describe("manifests skipped without a notice", () => {
  it("counts an object with {{ }} only inside strings, and a ConfigMapList", async () => {
    const dir = await repo({
      "rules.yaml": configMap("rules", '"{{ $labels.instance }} is down"'),
      "plain.yaml": configMap("plain", "instance {{ $labels.instance }} is down, {{ $value }} left"),
      "dashboards.yaml": `apiVersion: v1\nkind: ConfigMapList\nitems:\n- ${configMap("d", "x").replace(/\n/g, "\n  ").trimEnd()}\n`,
      "read.yaml": configMap("read", "x"),
    });
    expect(await silentlySkipped(dir, readOnly(["read.yaml"]), [])).toEqual(["dashboards.yaml", "plain.yaml", "rules.yaml"]);
  });

  it("leaves out templates, patches, kustomizations and files a finding mentions", async () => {
    const dir = await repo({
      "sed-template.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: etcd\n  labels:\n    cell: {{cell}}\n",
      "kustomization.yaml": "resources:\n- base.yaml\npatches:\n- path: patch.yaml\n",
      "patch.yaml": configMap("base", "patched"),
      "base.yaml": configMap("base", "x"),
      "broken.yaml": configMap("broken", "x"),
    });
    const mentioned = [{ file: "broken.yaml" }] as unknown as Parameters<typeof silentlySkipped>[2];
    expect(await silentlySkipped(dir, readOnly([]), mentioned)).toEqual(["base.yaml"]);
  });
});
