/** JSON Schema of the `drift:` section of `.github/plumbline.yml` (see src/drift/config.ts for its meaning). */

const strings = { type: "array", items: { type: "string", minLength: 1 } } as const;

const cluster = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1 },
    context: { type: "string", minLength: 1 },
    inCluster: { type: "boolean" },
    namespaces: strings,
    paths: strings,
  },
  // a cluster is reached either through a kubeconfig context or from inside it, never both
  oneOf: [
    { required: ["context"], not: { required: ["inCluster"] } },
    { required: ["inCluster"], not: { required: ["context"] }, properties: { inCluster: { const: true } } },
  ],
} as const;

const ignoreEntry = {
  type: "object",
  additionalProperties: false,
  properties: {
    group: { type: "string" },
    kind: { type: "string", minLength: 1 },
    namespace: { type: "string", minLength: 1 },
    name: { type: "string", minLength: 1 },
    pointers: { type: "array", items: { type: "string", pattern: "^/" } },
    jqPathExpressions: { type: "array", items: { type: "string", pattern: "^\\." } },
    managers: strings,
  },
} as const;

export const DRIFT_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    clusters: { type: "array", items: cluster },
    schedule: { type: "integer", minimum: 1, maximum: 10080 },
    ignore: { type: "array", items: ignoreEntry },
    managers: {
      type: "object",
      additionalProperties: false,
      properties: { gitops: strings, imperative: strings, controller: strings },
    },
    pr: {
      type: "object",
      additionalProperties: false,
      properties: { labels: strings, reviewers: strings, draft: { type: "boolean" } },
    },
    mode: { enum: ["pr", "issue"] },
    // the drift bot keeps a "Drift dashboard" issue (bot/run/dashboard.ts)
    dashboard: { type: "boolean" },
  },
} as const;
