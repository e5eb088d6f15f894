/** JSON Schema of the `drift:` section of `.github/plumbline.yml` (see src/drift/config.ts for its meaning). */

const strings = { type: "array", items: { type: "string", minLength: 1 } } as const;

const cluster = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, description: "names the branch, the check run and the pull request" },
    context: { type: "string", minLength: 1, description: "a context of the bot's kubeconfig (the operator must grant it)" },
    inCluster: { type: "boolean", description: "true: the cluster the bot runs in, instead of a context" },
    namespaces: { ...strings, description: "compare only these namespaces (default: all the manifests name)" },
    paths: { ...strings, description: "the Git paths that describe this cluster" },
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
    group: { type: "string", description: 'the API group of the objects ("" for the core group)' },
    kind: { type: "string", minLength: 1 },
    namespace: { type: "string", minLength: 1 },
    name: { type: "string", minLength: 1 },
    pointers: {
      type: "array",
      items: { type: "string", pattern: "^/" },
      description: "JSON pointers whose changes are left alone; without pointers, expressions or managers the whole object is",
    },
    jqPathExpressions: {
      type: "array",
      items: { type: "string", pattern: "^\\." },
      description: "jq paths (as Argo CD's ignoreDifferences takes them) whose changes are left alone",
    },
    managers: { ...strings, description: "field managers whose changes are trusted, not drift" },
  },
} as const;

export const DRIFT_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    clusters: { type: "array", items: cluster, description: "the clusters to compare with Git" },
    schedule: {
      type: "integer",
      minimum: 1,
      maximum: 10080,
      description: "minutes between checks (jittered ±10 %); 60 by default",
    },
    ignore: { type: "array", items: ignoreEntry, description: "drift to leave alone: objects, or fields of them" },
    managers: {
      type: "object",
      description:
        "field managers (from managedFields) to count as GitOps tools, people's tools or controllers, over the built-in lists",
      additionalProperties: false,
      properties: { gitops: strings, imperative: strings, controller: strings },
    },
    pr: {
      type: "object",
      description: "the drift pull request: labels, reviewers (org/team names a team), draft",
      additionalProperties: false,
      properties: { labels: strings, reviewers: strings, draft: { type: "boolean" } },
    },
    mode: {
      enum: ["pr", "issue"],
      description: "pr: a pull request that writes the cluster's state back; issue: one issue per cluster",
    },
    // the drift bot keeps a "Drift dashboard" issue (bot/run/dashboard.ts)
    dashboard: { type: "boolean", description: 'keep a "Drift dashboard" issue up to date' },
  },
} as const;
