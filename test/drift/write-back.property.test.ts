/**
 * Property: for random manifests and random changes made in the cluster, `--write` leaves no drift
 * behind, and every line outside the patched fields stays byte for byte as it was.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, stringify } from "yaml";
import { detectDrift } from "../../src/drift/compare.js";
import { editFile, planWriteBack } from "../../src/drift/write-back.js";
import { parsePointer } from "../../src/manifests/pointer.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { gitFrom, type Loose, liveFrom } from "./helpers.js";

const word = fc.stringMatching(/^v[a-z0-9]{0,5}$/);
const quantity = fc.constantFrom("100m", "250m", "0.5", "1", "1500m", "2");
const memory = fc.constantFrom("128Mi", "256Mi", "1Gi", "0.5Gi", "1536Mi");

const container = (name: string) =>
  fc.record({
    name: fc.constant(name),
    image: word.map((tag) => `ghcr.io/example/${name}:${tag}`),
    args: fc.option(fc.uniqueArray(fc.constantFrom("--verbose", "--port=8080", "--mode=fast"), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
    env: fc.option(
      fc
        // ordinary names only: credential-named variables are never written (test/drift/credential-env.test.ts)
        .uniqueArray(fc.constantFrom("MODE", "LEVEL", "HOST", "PORT_X", "QUEUE_NAME"), { minLength: 1, maxLength: 4 })
        .chain((names) => fc.tuple(...names.map((envName) => word.map((value) => ({ name: envName, value }))))),
      { nil: undefined },
    ),
    resources: fc.record({ requests: fc.record({ cpu: quantity, memory }) }),
  });

const deployment = fc
  .record({
    replicas: fc.integer({ min: 1, max: 5 }),
    labels: fc.dictionary(fc.constantFrom("team", "tier", "owner"), word, { maxKeys: 2 }),
    containers: fc
      .uniqueArray(fc.constantFrom("web", "api", "proxy"), { minLength: 1, maxLength: 3 })
      .chain((names) => fc.tuple(...names.map(container))),
  })
  .map(({ replicas, labels, containers }) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app", namespace: "prop", ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: "app" } },
      template: { metadata: { labels: { app: "app" } }, spec: { containers: containers.map(withoutUndefined) } },
    },
  }));

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

type Mutation = { readonly type: (typeof MUTATIONS)[number]; readonly pick: number; readonly value: string };
const MUTATIONS = [
  "image",
  "env-value",
  "env-add",
  "env-remove",
  "replicas",
  "hpa-replicas",
  "cpu",
  "cpu-respelled",
  "label-add",
  "args",
] as const;
const mutation = fc.record({ type: fc.constantFrom(...MUTATIONS), pick: fc.nat(), value: word });

/** Applies mutations to a copy of the Git object, and records what kubectl-edit would own for them in managedFields. */
function mutate(git: KubeObject, mutations: readonly Mutation[]): KubeObject {
  const live = structuredClone(git) as Loose;
  const edits: Loose = {};
  let scaled = false;
  const own = (path: string[], leaf: object = {}) => {
    let node = edits;
    for (const segment of path.slice(0, -1)) node = node[segment] ??= {};
    node[path[path.length - 1] as string] = leaf;
  };
  for (const { type, pick, value } of mutations) {
    const containers = live.spec.template.spec.containers as Loose[];
    const c = containers[pick % containers.length];
    const at = ["f:spec", "f:template", "f:spec", "f:containers", `k:{"name":"${c.name}"}`];
    if (type === "image") {
      c.image = `ghcr.io/example/${c.name}:${value}-hotfix`;
      own([...at, "f:image"]);
    } else if (type === "env-value" && c.env?.length) {
      const env = c.env[pick % c.env.length];
      env.value = `${value}-edited`;
      own([...at, "f:env", `k:{"name":"${env.name}"}`, "f:value"]);
    } else if (type === "env-add") {
      const name = `ADDED_${value.toUpperCase().replace(/[^A-Z0-9]/g, "")}`;
      if (c.env?.some((e: Loose) => e.name === name)) continue;
      c.env = [...(c.env ?? []), { name, value }];
      own([...at, "f:env", `k:{"name":"${name}"}`], { ".": {}, "f:name": {}, "f:value": {} });
    } else if (type === "env-remove" && c.env?.length) {
      c.env.splice(pick % c.env.length, 1);
      if (c.env.length === 0) delete c.env;
    } else if (type === "replicas" && !scaled) {
      live.spec.replicas = 10 + (pick % 5);
      own(["f:spec", "f:replicas"]);
    } else if (type === "hpa-replicas") {
      live.spec.replicas = 20 + (pick % 5);
      scaled = true;
    } else if (type === "cpu") {
      c.resources.requests.cpu = `${(pick % 900) + 1001}m`;
      own([...at, "f:resources", "f:requests", "f:cpu"]);
    } else if (type === "cpu-respelled") {
      c.resources.requests.cpu = String(c.resources.requests.cpu).endsWith("m")
        ? c.resources.requests.cpu
        : `${Number(c.resources.requests.cpu) * 1000}m`;
    } else if (type === "label-add") {
      live.metadata.labels = { ...live.metadata.labels, [`added-${value}`]: value };
      own(["f:metadata", "f:labels", `f:added-${value}`]);
    } else if (type === "args" && c.args?.length) {
      c.args[pick % c.args.length] = `--${value}`;
      own([...at, "f:args"]);
    }
  }
  const managedFields: Loose[] = [
    { manager: "kubectl-edit", operation: "Update", time: "2026-01-01T00:00:00Z", fieldsType: "FieldsV1", fieldsV1: edits },
  ];
  if (scaled) {
    managedFields.push({
      manager: "kube-controller-manager",
      operation: "Update",
      subresource: "scale",
      time: "2026-01-02T00:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
    });
  }
  live.metadata.managedFields = managedFields;
  return live;
}

/** The manifest as a person writes it: YAML 1.1 quoting, a comment at the top and one on a line. */
function render(object: KubeObject): string {
  const text = stringify(object, { version: "1.1" });
  return `# app: generated for a property test\n${text.replace(/^( {2}replicas: \d+)$/m, "$1 # scaled by hand")}`;
}

/** Lines (1-based, inclusive) a patch operation may change: the patched field, or for an addition its parent. */
function allowedLines(text: string, pointers: { path: string; op: string }[]): [number, number][] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...KUBE_YAML, lineCounter });
  const line = (offset: number) => lineCounter.linePos(offset).line;
  return pointers.map(({ path, op }) => {
    const segments = parsePointer(path);
    if (op === "add") segments.pop();
    let node = document.contents as Node | null;
    let start = node?.range?.[0] ?? 0;
    for (const segment of segments) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        start = (pair.key as Node).range?.[0] ?? start;
        node = pair.value as Node;
      } else if (node && isSeq(node)) {
        node = node.items[Number(segment)] as Node;
        start = node?.range?.[0] ?? start;
      }
    }
    const end = node?.range?.[1] ?? start;
    return [line(start), line(Math.max(start, end - 1)) + 1];
  });
}

/**
 * Whether every line outside `ranges` is still there, byte for byte and in order, with only the
 * ranges' lines replaced. (A line diff would do, but it may align repeated lines either way.)
 */
function keepsLinesOutside(before: string, after: string, ranges: [number, number][]): boolean {
  const old = before.split("\n");
  const now = after.split("\n");
  const touched = new Set(ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i)));
  const blocks: string[][] = [[]];
  old.forEach((line, index) => {
    if (touched.has(index + 1)) {
      if ((blocks[blocks.length - 1] as string[]).length > 0) blocks.push([]);
    } else (blocks[blocks.length - 1] as string[]).push(line);
  });
  const first = blocks[0] as string[];
  const last = blocks[blocks.length - 1] as string[];
  if (now.slice(0, first.length).join("\n") !== first.join("\n")) return false;
  if (last.length > 0 && now.slice(now.length - last.length).join("\n") !== last.join("\n")) return false;
  let position = first.length;
  for (const block of blocks.slice(1, -1)) {
    let found = -1;
    for (let i = position; i + block.length <= now.length; i++) {
      if (now.slice(i, i + block.length).join("\n") === block.join("\n")) {
        found = i;
        break;
      }
    }
    if (found === -1) return false;
    position = found + block.length;
  }
  return position <= now.length - (blocks.length > 1 ? last.length : 0);
}

describe("write-back", () => {
  it("leaves no drift, and touches only the lines of the fields it writes", () => {
    fc.assert(
      fc.property(deployment, fc.array(mutation, { maxLength: 6 }), (object, mutations) => {
        const text = render(object);
        const git = gitFrom(text, "app.yaml");
        const live = mutate(git[0]?.object as KubeObject, mutations);
        const before = detectDrift(git, liveFrom([live]));
        const plan = planWriteBack(before);
        const patches = plan.files.get("app.yaml") ?? [];
        expect(plan.skipped).toEqual([]);
        const edit = editFile(text, patches);
        if (!edit.ok) throw new Error(edit.message);

        const after = detectDrift(gitFrom(edit.text, "app.yaml"), liveFrom([live]));
        expect(after.drifts).toEqual([]);

        const allowed = allowedLines(
          text,
          patches.flatMap((patch) => patch.ops.map((op) => ({ path: op.path, op: op.op }))),
        );
        expect(keepsLinesOutside(text, edit.text, allowed)).toBe(true);
        expect(edit.text.startsWith("# app: generated for a property test\n")).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
