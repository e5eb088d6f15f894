import { hasSchema, type SchemaProblem, validateAgainstSchema } from "../../k8s/schema.js";
import type { Resource } from "../../manifests/resource.js";
import type { Rule } from "../types.js";

/** apps/v1 workloads whose missing spec.selector selector-mismatch already reports, with a better message. */
const SELECTOR_REPORTED_ELSEWHERE = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);

export const schemaInvalid: Rule = {
  id: "schema-invalid",
  title: "Object does not match the Kubernetes schema",
  severity: "error",
  category: "input",
  why: "The API server rejects an object with a field of the wrong type, a value outside the allowed set or a missing required field, and kubectl rejects unknown fields; tools that skip validation drop a misspelt field silently, so the setting never takes effect. Built-in kinds are checked against the Kubernetes OpenAPI schemas, without a cluster.",
  peers: { kubeLinter: ["schema-validation"] },
  // custom resources and API versions without a schema stay unchecked (api-removed covers removed ones)
  appliesTo: (resource) => hasSchema(resource.apiVersion, resource.kind),
  check: (resource) =>
    (validateAgainstSchema(resource.object) ?? [])
      .filter((problem) => !reportedElsewhere(resource, problem))
      .map((problem) => ({ path: problem.path, message: problem.message })),
};

function reportedElsewhere(resource: Resource, problem: SchemaProblem): boolean {
  return (
    problem.kind === "required" &&
    problem.path === "/spec/selector" &&
    resource.apiVersion === "apps/v1" &&
    SELECTOR_REPORTED_ELSEWHERE.has(resource.kind)
  );
}
