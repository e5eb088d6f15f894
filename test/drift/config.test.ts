/** The `drift:` section of .github/plumbline.yml: what it accepts, its defaults, its errors. */

import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/load.js";
import { DEFAULT_SCHEDULE_MINUTES, readDriftConfig } from "../../src/drift/config.js";

const FULL = `drift:
  clusters:
    - name: prod
      context: prod-admin
      namespaces: [shop, payments]
      paths: [deploy/prod]
    - name: in-cluster
      inCluster: true
  schedule: 30
  ignore:
    - kind: Deployment
      name: web-*
      pointers: [/spec/replicas]
    - managers: [vpa-updater]
    - jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "istio-proxy")']
  managers:
    gitops: [deploy-bot]
  pr:
    labels: [drift]
    reviewers: [alice]
    draft: true
  mode: issue
`;

function configError(text: string): ConfigError {
  try {
    parseConfig(text, ".github/plumbline.yml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("drift configuration", () => {
  it("accepts a full section and reads it back with its values", () => {
    const drift = readDriftConfig(parseConfig(FULL, "plumbline.yml").drift);
    expect(drift.clusters).toEqual([
      { name: "prod", context: "prod-admin", inCluster: false, namespaces: ["shop", "payments"], paths: ["deploy/prod"] },
      { name: "in-cluster", inCluster: true, namespaces: [], paths: [] },
    ]);
    expect(drift).toMatchObject({ schedule: 30, mode: "issue", pr: { labels: ["drift"], reviewers: ["alice"], draft: true } });
    expect(drift.ignore).toHaveLength(3);
    expect(drift.managers.gitops).toEqual(["deploy-bot"]);
  });

  it("fills defaults for what is left out", () => {
    expect(readDriftConfig(undefined)).toEqual({
      clusters: [],
      schedule: DEFAULT_SCHEDULE_MINUTES,
      ignore: [],
      managers: {},
      pr: { labels: [], reviewers: [], draft: false },
      mode: "pr",
      dashboard: false,
    });
  });

  it.each([
    ["an unknown key", "drift:\n  schedul: 5\n", 2, /schedul: unknown key/],
    ["a mode that does not exist", "drift:\n  mode: email\n", 2, /drift\.mode/],
    ["a schedule of zero minutes", "drift:\n  schedule: 0\n", 2, /drift\.schedule/],
    ["a pointer that is not one", "drift:\n  ignore:\n    - pointers: [spec.replicas]\n", 3, /pointers/],
    [
      "a cluster with both a context and inCluster",
      "drift:\n  clusters:\n    - {name: a, context: x, inCluster: true}\n",
      3,
      /clusters/,
    ],
    ["a cluster with neither", "drift:\n  clusters:\n    - {name: a}\n", 3, /clusters/],
  ])("rejects %s, naming the line", (_what, text, line, message) => {
    const error = configError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });
});
