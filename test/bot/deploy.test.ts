import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";

/** What ships besides the code: the App's registration and the manifests that run it. */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function plumbline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTty: false,
    readStdin: async () => "",
  });
  return { code, stdout, stderr };
}

describe("deploy/", () => {
  it("passes plumbline check --fail-on warning: no error, no warning", async () => {
    const result = await plumbline(["check", "deploy/", "--fail-on", "warning", "--format", "json"]);
    const report = JSON.parse(result.stdout) as { findings: { rule: string; severity: string; message: string }[] };
    expect(report.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
    // the only notes: the App's Secret is made by hand (or a secret manager), never committed
    expect([...new Set(report.findings.map((finding) => finding.rule))]).toEqual(["secret-ref-missing"]);
    expect(result.code).toBe(0);
  });
});

describe("app.yml", () => {
  const manifest = parse(readFileSync(`${ROOT}app.yml`, "utf8")) as {
    default_permissions: Record<string, string>;
    default_events: string[];
  };

  it("asks for the least the bot needs", () => {
    expect(manifest.default_permissions).toEqual({
      contents: "write",
      pull_requests: "write",
      checks: "write",
      issues: "write",
      metadata: "read",
    });
  });

  it("subscribes to the events the bot handles", () => {
    expect([...manifest.default_events].sort()).toEqual(
      ["installation", "installation_repositories", "issue_comment", "issues", "pull_request", "push"].sort(),
    );
  });
});
