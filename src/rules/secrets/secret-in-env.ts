import { classifyName, withArticle } from "../../k8s/credential-names.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Hit, Rule } from "../types.js";
import { recognizeCredential } from "./credential-formats.js";
import { isRealValue, isSecretObjectName, looksRandom } from "./literal-value.js";

export const secretInEnv: Rule = {
  id: "secret-in-env",
  title: "Secret written into an environment variable",
  severity: "error",
  category: "security",
  why: "A credential written as a literal env value is readable by everyone with access to the repository, and by anyone who can read the workload in the cluster. Keep it in a Secret (or an external secret store) and reference it with valueFrom.secretKeyRef.",
  peers: { kubeLinter: ["env-var-secret"], polaris: ["sensitiveContainerEnvVar"] },
  appliesTo: isWorkload,
  check: (resource) => containersOf(resource, ["container", "init", "ephemeral"]).flatMap(envHits),
};

function envHits(ref: ContainerRef): Hit[] {
  const env = ref.container.env;
  if (!Array.isArray(env)) return [];
  return env.flatMap((entry, index) => {
    if (entry === null || typeof entry !== "object") return [];
    const { name, value } = entry as { name?: unknown; value?: unknown };
    // valueFrom (secretKeyRef and friends) has no literal value; numbers and booleans are not valid env values
    if (typeof name !== "string" || typeof value !== "string") return [];
    const reason = secretReason(name, value);
    if (reason === undefined) return [];
    return [
      {
        path: joinPointer(ref.path, "env", index, "value"),
        // the value itself never appears in a message: findings end up in PR comments and logs
        message: `${describeContainer(ref)} env var ${name} ${reason}; move it into a Secret and use valueFrom.secretKeyRef`,
      },
    ];
  });
}

/** Why the value is a secret, weighing what it looks like and what its name says; undefined when it is not. */
export function secretReason(name: string, value: string): string | undefined {
  const recognized = recognizeCredential(value);
  if (recognized !== undefined) return recognized;
  if (!isRealValue(value)) return undefined;
  const verdict = classifyName(name);
  if (verdict === undefined) return undefined;
  if (verdict.strength === "weak") return looksRandom(value) ? "is named like a key and holds a random-looking value" : undefined;
  if (isSecretObjectName(value.trim())) return undefined;
  return `is named like ${withArticle(verdict.noun)} and holds a literal value`;
}
