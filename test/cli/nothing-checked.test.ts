import { describe, expect, it } from "vitest";
import { run, tempTree } from "./helpers.js";

/** A run that looked at nothing must not read like a pass. */
describe("nothing checked is not a pass", () => {
  it("check of a folder without manifests: 0 resources checked, a notice on stderr, exit 0", async () => {
    const dir = await tempTree({ "README.md": "# not a manifest\n", "docs/.keep": "" });
    const text = await run(dir, ["check", "."]);
    expect(text).toMatchObject({ code: 0, stdout: "0 resources checked (0 files read).\n" });
    expect(text.stdout).not.toMatch(/No findings|Readiness/);
    expect(text.stderr).toBe("plumbline: notice: 0 resources checked: found no manifest file in .\n");

    // the notice goes to stderr whatever the format, so a CI log shows it beside a clean SARIF file
    const sarif = await run(dir, ["check", ".", "-f", "sarif"]);
    expect(sarif.code).toBe(0);
    expect(sarif.stderr).toMatch(/^plumbline: notice: 0 resources checked/);
  });

  it("check of YAML that holds no Kubernetes object says how many files it read", async () => {
    const dir = await tempTree({ "values.yaml": "replicaCount: 2\nimage: { tag: 1.0 }\n" });
    const result = await run(dir, ["check", "values.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "plumbline: notice: 0 resources checked: found 1 file(s) but no Kubernetes object in values.yaml\n",
    );
  });

  it("check of a real manifest prints no notice", async () => {
    const dir = await tempTree({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: app }\n" });
    const result = await run(dir, ["check", "cm.yaml", "--fail-on", "none"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/in 1 resource from 1 file/);
  });

  it.each([
    ["an empty file", { "live.yaml": "" }, "live.yaml"],
    ["a file of comments", { "live.yaml": "# kubectl get failed\n---\n" }, "live.yaml"],
    ["a folder of empty files", { "live/a.yaml": "", "live/b.json": "" }, "live"],
  ])("drift against %s is an error (exit 2), not “No drift”", async (_, files, live) => {
    const dir = await tempTree({
      ...files,
      "git/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: app }\n",
    });
    const result = await run(dir, ["drift", "--git", "git", "--live", live]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    // the path is shown relative to where the process runs (the test runner's folder here)
    expect(result.stderr).toMatch(
      new RegExp(`^plumbline: snapshot \\S*${live}: holds no Kubernetes object, so there is nothing to compare with\n$`),
    );
  });

  it("drift against an unreadable snapshot is an error too", async () => {
    const dir = await tempTree({ "git/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n" });
    const result = await run(dir, ["drift", "--git", "git", "--live", "missing.yaml"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/^plumbline: snapshot \S*missing\.yaml: no such file or directory\n$/);
  });
});
