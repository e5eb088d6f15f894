import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";
import { isAllowedHost, isRemoteReference, remoteHost } from "../../src/manifests/kustomize-remote.js";
import { tempTree as tree } from "../cli/helpers.js";
import { hasKubectl } from "../support/kubectl.js";

// an "internal" host a pull request's author would like the CI runner to fetch from
let server: Server;
let requests: string[] = [];
let base = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.setHeader("content-type", "text/plain");
    response.end("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-the-inside}\ndata: {token: internal}\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  requests = [];
});

describe.runIf(hasKubectl)("Kustomize remote resources", () => {
  it("are refused by default: no request is made and a finding names them", async () => {
    const root = await tree({
      "app/kustomization.yaml": `resources:\n  - deployment.yaml\n  - ${base}/secrets.yaml\n`,
      "app/deployment.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: local}\ndata: {a: b}\n",
    });
    const { findings, manifests } = await check(["."], { cwd: root, root });
    expect(requests).toEqual([]);
    expect(manifests.resources).toEqual([]);
    const refused = findings.filter((f) => f.rule === "file-skipped");
    expect(refused.map((f) => [f.file, f.line])).toEqual([[path.join("app", "kustomization.yaml"), 3]]);
    expect(refused[0]?.message).toContain(`${base}/secrets.yaml`);
    expect(refused[0]?.message).toContain("kustomize.remoteHosts");
  });

  it("are refused when a local base lists them, and the finding points at that base", async () => {
    const root = await tree({
      "base/kustomization.yaml": `resources:\n  - ${base}/base.yaml\n`,
      "overlay/kustomization.yaml": "resources: [../base]\nnamePrefix: prod-\n",
    });
    const { findings } = await check(["overlay"], { cwd: root, root });
    expect(requests).toEqual([]);
    expect(findings.map((f) => [f.rule, f.file])).toEqual([
      ["file-skipped", path.join("overlay", "..", "base", "kustomization.yaml")],
    ]);
  });

  it("are built when the configuration allows their host", async () => {
    const root = await tree({ "app/kustomization.yaml": `resources:\n  - ${base}/allowed.yaml\n` });
    const config = parseConfig("kustomize:\n  remoteHosts: [127.0.0.1]\n", ".github/plumbline.yml");
    const { findings, manifests } = await check(["."], { cwd: root, root, config });
    expect(requests).toContain("/allowed.yaml");
    expect(manifests.resources.map((r) => r.name)).toEqual(["from-the-inside"]);
    expect(findings.filter((f) => f.rule === "file-skipped")).toEqual([]);
  });
});

describe("what counts as remote", () => {
  const here = tmpdir();
  it("URLs, git addresses and host-like paths that do not exist locally", () => {
    for (const reference of [
      "https://github.com/org/repo//deploy?ref=v1",
      "http://10.0.0.5/app.yaml",
      "git@github.com:org/repo.git//deploy",
      "git::https://example.com/repo",
      "ssh://git@example.com/repo",
      "github.com/org/repo/deploy?ref=main",
    ]) {
      expect(isRemoteReference(reference, here), reference).toBe(true);
    }
    for (const reference of ["deployment.yaml", "../base", "./v1.2/patch.yaml", "config.d"]) {
      expect(isRemoteReference(reference, here), reference).toBe(false);
    }
  });

  it("hosts are compared by name, without port or user, and *. allows subdomains", () => {
    expect(remoteHost("https://user:pw@Example.com:8443/x")).toBe("example.com");
    expect(remoteHost("git@github.com:org/repo.git")).toBe("github.com");
    expect(remoteHost("github.com/org/repo?ref=v1")).toBe("github.com");
    expect(remoteHost("git::https://gitlab.corp.example/repo")).toBe("gitlab.corp.example");
    expect(isAllowedHost("gitlab.corp.example", ["*.corp.example"])).toBe(true);
    expect(isAllowedHost("corp.example.evil.com", ["*.corp.example"])).toBe(false);
    expect(isAllowedHost("github.com", [])).toBe(false);
  });

  it("the configuration rejects a host list entry that is not a host name", () => {
    expect(() => parseConfig("kustomize:\n  remoteHosts: ['https://github.com/']\n", "c.yml")).toThrow(/remoteHosts/);
    expect(() => parseConfig("kustomize:\n  hosts: [github.com]\n", "c.yml")).toThrow(/hosts/);
  });
});
