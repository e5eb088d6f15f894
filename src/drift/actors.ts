/** Which kind of actor a field manager is: the answer decides whether a change is drift at all. */

import type { Actor } from "./types.js";
import { wildcardMatcher } from "./wildcard.js";

export interface ManagerOverrides {
  readonly gitops?: readonly string[];
  readonly imperative?: readonly string[];
  readonly controller?: readonly string[];
}

/** The appliers of GitOps tools and declarative pipelines: what they set came from Git. */
const GITOPS = [
  "argocd-controller",
  "argocd-application-controller",
  "argocd",
  "kustomize-controller",
  "helm-controller",
  "helm",
  "fleet-agent",
  "kapp",
  "Terraform",
  "pulumi-kubernetes*",
];

/**
 * People and their tools. `Mozilla` is the user agent a browser-based dashboard sends; the HTTP
 * client defaults are what a one-off script reports when it sets no field manager.
 */
const IMPERATIVE = [
  "kubectl",
  "kubectl-*",
  "Mozilla",
  "kubernetes-dashboard",
  "dashboard",
  "headlamp",
  "lens",
  "OpenLens",
  "k9s",
  "rancher",
  "Go-http-client",
  "python-requests",
  "OpenAPI-Generator",
  "okhttp",
  "curl",
];

function matcher(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.includes("*")));
  const globs = patterns.filter((p) => p.includes("*")).map(wildcardMatcher);
  return (name) => exact.has(name) || globs.some((glob) => glob(name));
}

export type ManagerClassifier = (manager: string) => Exclude<Actor, "unowned">;

/**
 * The configuration's lists win over the built-in ones. Everything else counts as a controller
 * (kube-controller-manager, the VPA, cert-manager's cainjector, operators): operators are far more
 * common than unnamed scripts, and a controller's change is reported without being written to Git,
 * which is the safe side to err on.
 */
export function createClassifier(overrides: ManagerOverrides = {}): ManagerClassifier {
  const configured: [Exclude<Actor, "unowned">, (name: string) => boolean][] = [
    ["gitops", matcher(overrides.gitops ?? [])],
    ["imperative", matcher(overrides.imperative ?? [])],
    ["controller", matcher(overrides.controller ?? [])],
  ];
  const gitops = matcher(GITOPS);
  const imperative = matcher(IMPERATIVE);
  const cache = new Map<string, Exclude<Actor, "unowned">>();
  return (manager) => {
    const known = cache.get(manager);
    if (known) return known;
    // a user agent such as `Mozilla/5.0 (…)` or `python-requests/2.31` names the tool before the slash
    const name = manager.split("/")[0] ?? manager;
    let actor: Exclude<Actor, "unowned">;
    const fromConfig = configured.find(([, matches]) => matches(manager) || matches(name));
    if (fromConfig) actor = fromConfig[0];
    else if (imperative(name)) actor = "imperative";
    else if (gitops(name)) actor = "gitops";
    else actor = "controller";
    cache.set(manager, actor);
    return actor;
  };
}
