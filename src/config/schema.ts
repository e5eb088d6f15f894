/** JSON Schema of `.github/plumbline.yml`: one schema for the CLI, the Action and the bot. */

const severity = { enum: ["error", "warning", "info"] };

const ruleSetting = {
  anyOf: [
    { enum: ["off", "on", "error", "warning", "info"] },
    { type: "boolean" },
    {
      type: "object",
      additionalProperties: false,
      properties: { enabled: { type: "boolean" }, severity },
    },
  ],
};

export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    kubernetesVersion: { type: "string", pattern: "^v?\\d+\\.\\d+(\\.\\d+)?$" },
    failOn: severity,
    ignore: { type: "array", items: { type: "string", minLength: 1 } },
    rules: { type: "object", additionalProperties: ruleSetting },
    external: {
      type: "object",
      additionalProperties: false,
      properties: {
        namespaces: { type: "array", items: { type: "string" } },
        resources: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["kind", "name"],
            properties: { kind: { type: "string" }, name: { type: "string" }, namespace: { type: "string" } },
          },
        },
      },
    },
    drift: { type: "object" },
  },
} as const;
