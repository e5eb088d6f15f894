/**
 * Remote references in a kustomization. `kubectl kustomize` fetches any http(s) URL or git repository a
 * kustomization names — internal hosts included — and the fetched objects would land in the report. A
 * pull request's author chooses those URLs, so nothing remote is built unless the configuration allows
 * its host (`kustomize.remoteHosts`); a refused build becomes a finding that names the references.
 */
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * kustomize reads a path as remote when it is a URL, a git address (`git@host:…`, `git::…`, `gh:…`), or
 * a path that does not exist locally and starts with a host name (`github.com/org/repo//dir?ref=v1`).
 */
export function isRemoteReference(reference: string, fromDir: string): boolean {
  if (reference.includes("://") || /^(git@|git::|gh:)/.test(reference)) return true;
  const first = reference.split("/")[0] ?? "";
  if (!first.includes(".") || first === "." || first === ".." || !reference.includes("/")) return false;
  return !existsSync(path.resolve(fromDir, reference));
}

/** The host a remote reference is fetched from, lower case and without port or credentials. */
export function remoteHost(reference: string): string {
  let rest = reference.replace(/^git::/, "");
  if (rest.startsWith("gh:")) return "github.com";
  const scp = /^[^/@:]+@([^:/]+):/.exec(rest); // git@github.com:org/repo
  if (scp && !rest.includes("://")) return (scp[1] ?? "").toLowerCase();
  if (!rest.includes("://")) rest = `https://${rest}`;
  try {
    return new URL(rest).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return (reference.split(/[/:]/)[0] ?? reference).toLowerCase();
  }
}

/** Hosts are compared by name, case-insensitively; `*.example.com` allows every subdomain of example.com. */
export function isAllowedHost(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase();
    return wanted.startsWith("*.") ? host.endsWith(wanted.slice(1)) : host === wanted;
  });
}
