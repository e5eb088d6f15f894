import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";

/**
 * helm and kubectl run with what they need, not with the process's credentials: the bot's App key and
 * webhook secret, a CI token. Stand-in programs on PATH record the environment they were given.
 */

const SECRET = "-----BEGIN RSA PRIVATE KEY----- not-for-renderers";
let dir: string;

const recorder = (name: string, output: string) =>
  `#!/bin/sh\nenv > "$(dirname "$0")/../${name}.env"\ncat <<'YAML'\n${output}YAML\n`;

const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-tool\ndata:\n  a: b\n";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-tool-env-"));
  await mkdir(path.join(dir, "bin"));
  for (const tool of ["helm", "kubectl"]) {
    const output = tool === "helm" ? `---\n# Source: app/templates/cm.yaml\n${CONFIG_MAP}` : CONFIG_MAP;
    await writeFile(path.join(dir, "bin", tool), recorder(tool, output));
    await chmod(path.join(dir, "bin", tool), 0o755);
  }
  await mkdir(path.join(dir, "app", "templates"), { recursive: true });
  await writeFile(path.join(dir, "app", "Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
  await writeFile(path.join(dir, "app", "values.yaml"), "a: b\n");
  await writeFile(path.join(dir, "app", "templates", "cm.yaml"), CONFIG_MAP);
  await mkdir(path.join(dir, "overlay"));
  await writeFile(path.join(dir, "overlay", "kustomization.yaml"), "resources:\n  - cm.yaml\n");
  await writeFile(path.join(dir, "overlay", "cm.yaml"), CONFIG_MAP);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === "win32")("the renderers' environment", () => {
  it("holds PATH and a home in the temp folder, never the process's credentials", async () => {
    const saved = { ...process.env };
    process.env.PATH = `${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`;
    process.env.PRIVATE_KEY = SECRET;
    process.env.GITHUB_TOKEN = "ghs_notForRenderers";
    try {
      await check(["app", "overlay"], { cwd: dir, root: dir });
    } finally {
      process.env = saved;
    }
    for (const tool of ["helm", "kubectl"]) {
      const env = await readFile(path.join(dir, `${tool}.env`), "utf8");
      expect(env, tool).not.toContain(SECRET);
      expect(env, tool).not.toContain("ghs_notForRenderers");
      expect(env, tool).toMatch(/^PATH=/m);
      expect(env, tool).toContain(`HOME=${path.join(tmpdir(), "plumbline-tool-home")}`);
      expect(env, tool).toContain("HTTPS_PROXY=http://127.0.0.1:9");
    }
  });
});
