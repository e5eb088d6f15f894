import type { FromSchema } from "json-schema-to-ts";
import type { DeepReadonly } from "../config/deep-readonly.js";
import type { Severity } from "../findings/finding.js";

/** One entry of `rules.custom` as written: derived from CUSTOM_RULE_SCHEMA below, never written again by hand. */
export type CustomRuleEntry = DeepReadonly<FromSchema<typeof CUSTOM_RULE_SCHEMA>>;

/** Which objects a custom rule judges: kinds, namespaces and a Kubernetes label selector. */
export type CustomRuleMatch = NonNullable<CustomRuleEntry["match"]>;

/** A CEL rule of the repository's own, from `rules.custom` in `.github/plumbline.yml`, its defaults filled in. */
export interface CustomRule {
  /** kebab-case, unique, not the id of a built-in rule */
  readonly id: string;
  readonly severity: Severity;
  readonly match: CustomRuleMatch;
  /** evaluated in order before the expression, reachable as `variables.<name>` */
  readonly variables: NonNullable<CustomRuleEntry["variables"]>;
  /** true means the object passes */
  readonly expression: string;
  readonly message?: string;
  /** a CEL expression giving the message; `message` is the fallback when it fails */
  readonly messageExpression?: string;
}

const name = { type: "string", minLength: 1 } as const;
const stringList = { type: "array", items: name } as const;

/** JSON Schema of one entry of `rules.custom`. */
export const CUSTOM_RULE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["id", "expression"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", description: "kebab-case, unique, not a built-in rule's id" },
    severity: { enum: ["error", "warning", "info"], description: "warning by default" },
    match: {
      type: "object",
      description:
        "which objects the rule judges: kinds, namespaces, a label selector; all optional, and empty takes every object",
      additionalProperties: false,
      properties: {
        kinds: stringList,
        namespaces: stringList,
        labelSelector: {
          type: "object",
          additionalProperties: false,
          properties: {
            matchLabels: { type: "object", additionalProperties: { type: "string" } },
            matchExpressions: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["key", "operator"],
                properties: {
                  key: name,
                  operator: { enum: ["In", "NotIn", "Exists", "DoesNotExist"] },
                  values: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
    variables: {
      type: "array",
      description: "CEL expressions evaluated in order before `expression`, read as variables.<name>",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "expression"],
        properties: { name: { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" }, expression: name },
      },
    },
    expression: { ...name, description: "CEL, true when the object is fine; `object` is the manifest as written" },
    message: { ...name, description: "the finding's message, shown as is" },
    messageExpression: {
      ...name,
      description: "CEL giving the message; `message` is shown when it fails or gives an empty string",
    },
  },
} as const;
