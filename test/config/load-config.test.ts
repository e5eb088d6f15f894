import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_CONFIG } from "../../src/config/config.js";
import { ConfigError, loadConfig, repositoryRoot } from "../../src/config/load.js";
import { tempTree } from "../cli/helpers.js";

describe("loadConfig", () => {
  it("finds .github/plumbline.yml at the repository root from a nested directory", async () => {
    const root = await tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".github/plumbline.yml": 'kubernetesVersion: "1.29"\n',
      "deploy/prod/app.yaml": "",
    });
    const cwd = path.join(root, "deploy", "prod");
    expect(repositoryRoot(cwd)).toBe(root);
    const loaded = await loadConfig(undefined, cwd);
    expect(loaded).toMatchObject({ root, file: path.join(root, ".github", "plumbline.yml") });
    expect(loaded.config.kubernetesVersion).toBe("1.29");
  });

  it("recognises a worktree, whose .git is a file", async () => {
    const root = await tempTree({ ".git": "gitdir: /elsewhere\n", "a/b/c.yaml": "" });
    expect(repositoryRoot(path.join(root, "a", "b"))).toBe(root);
  });

  it("uses the defaults when there is no configuration file", async () => {
    const root = await tempTree({ ".git/HEAD": "ref: refs/heads/main\n" });
    expect(await loadConfig(undefined, root)).toEqual({ config: EMPTY_CONFIG, root });
  });

  it("reads --config relative to the working directory and names it as given in errors", async () => {
    const root = await tempTree({ "conf/strict.yml": "failOn: info\n", "conf/broken.yml": "failOn: loud\n" });
    expect((await loadConfig("conf/strict.yml", root)).config.failOn).toBe("info");
    await expect(loadConfig("conf/broken.yml", root)).rejects.toThrow(/^conf\/broken\.yml:1:1: failOn: "loud" is not one of/);
  });

  it("fails clearly when --config names a missing file or a directory", async () => {
    const root = await tempTree({ "conf/x.yml": "" });
    await expect(loadConfig("nope.yml", root)).rejects.toThrow(
      new ConfigError("nope.yml", 0, 0, "cannot read the configuration (no such file)"),
    );
    await expect(loadConfig("conf", root)).rejects.toThrow("conf: cannot read the configuration (it is a directory)");
  });
});
