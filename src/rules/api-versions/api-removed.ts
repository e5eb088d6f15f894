import { type Rule, withFix } from "../types.js";
import { apiStatus, componentVersion, replacementAdvice } from "./lifecycle.js";
import { migrationFix } from "./migrations.js";

export const apiRemoved: Rule = {
  id: "api-removed",
  title: "API version has been removed",
  severity: "error",
  category: "api-versions",
  why: "The API server no longer serves this apiVersion, so applying the manifest fails and a cluster upgrade strands whatever still uses it. Move to the replacement API before upgrading.",
  peers: { kubeLinter: ["no-extensions-v1beta"], kubeScore: ["stable-version"] },
  appliesTo: () => true,
  check: (resource, context) => {
    const status = apiStatus(resource, context.kubernetesVersion);
    if (status?.stage !== "removed") return [];
    const { entry, target } = status;
    const against = entry.component === "k8s" ? ` (checking against ${target.major}.${target.minor})` : "";
    const fix = migrationFix(resource, status);
    return [
      // the move keeps every field's meaning (migrations.ts makes no other): safe
      withFix(
        {
          path: "/apiVersion",
          message: `${resource.apiVersion} ${resource.kind} was removed in ${componentVersion(entry, entry.removedIn)}${against}; ${replacementAdvice(status)}`,
        },
        fix,
        "safe",
      ),
    ];
  },
};
