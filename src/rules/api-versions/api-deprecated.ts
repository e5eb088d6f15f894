import { type Rule, withFix } from "../types.js";
import { apiStatus, componentVersion, replacementAdvice } from "./lifecycle.js";
import { migrationFix } from "./migrations.js";

export const apiDeprecated: Rule = {
  id: "api-deprecated",
  title: "API version is deprecated",
  severity: "warning",
  category: "api-versions",
  why: "A deprecated apiVersion still works but is scheduled for removal: once the cluster is upgraded past that release, applying the manifest fails. Migrating now is a calm change instead of an upgrade blocker.",
  peers: { kubeLinter: ["no-extensions-v1beta"], kubeScore: ["stable-version"] },
  appliesTo: () => true,
  check: (resource, context) => {
    const status = apiStatus(resource, context.kubernetesVersion);
    if (status?.stage !== "deprecated") return [];
    const { entry } = status;
    const removal = entry.removedIn ? ` and will be removed in ${componentVersion(entry, entry.removedIn)}` : "";
    const fix = migrationFix(resource, status);
    return [
      // the move keeps every field's meaning (migrations.ts makes no other): safe
      withFix(
        {
          path: "/apiVersion",
          message: `${resource.apiVersion} ${resource.kind} is deprecated since ${componentVersion(entry, entry.deprecatedIn)}${removal}; ${replacementAdvice(status)}`,
        },
        fix,
        "safe",
      ),
    ];
  },
};
