/**
 * kubectl-neat's golden fixtures for the strip stage: a raw object from the API server and what is
 * left once server fields, status and defaults are gone. Plumbline's strip + defaults table must
 * arrive at the same object (up to the reviewed differences below), and the neat object, taken as
 * the manifest in Git, must show no drift against the raw one.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { removeDefaults } from "../../src/drift/defaults.js";
import { SERVER_METADATA, stripServerFields } from "../../src/drift/strip.js";
import { formatPointer, parsePointer, valueAt } from "../../src/manifests/pointer.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { gitFrom, liveFrom } from "./helpers.js";

const ROOT = peerCorpora.file("kubectl-neat");
const cases = peerCorpora.present
  ? (
      JSON.parse(readFileSync(path.join(ROOT, "LABELS.json"), "utf8")) as {
        cases: { name: string; raw: string; expectedNeat: string }[];
      }
    ).cases
  : [];

/**
 * Where kubectl-neat goes further than Plumbline, reviewed: these fields are not defaults but are
 * set by the scheduler, an admission plugin or a controller. Plumbline never reports them as drift
 * (it compares what Git declares), but it does not pretend to know they are noise either.
 */
const REVIEWED: Record<string, { raw: string[]; neat: string[] }> = {
  // the scheduler's node, and the token volume the ServiceAccount admission plugin injected (pre-1.24)
  Pod: { raw: ["/spec/nodeName", "/spec/volumes", "/spec/containers/0/volumeMounts"], neat: [] },
  // finalizers can be the manifest's own; the provisioner annotation is a controller's, which Plumbline strips
  PersistentVolume: { raw: ["/metadata/finalizers"], neat: ["/metadata/annotations/pv.kubernetes.io~1provisioned-by"] },
};

function without(object: KubeObject, pointers: readonly string[]): KubeObject {
  const copy = structuredClone(object);
  for (const pointer of pointers) {
    const segments = parsePointer(pointer);
    const last = segments.pop() as string;
    const parent = valueAt(copy, formatPointer(segments)) as Record<string, unknown> | undefined;
    if (parent) delete parent[last];
  }
  return copy;
}

const pairs = cases.flatMap((c) => {
  const raw = JSON.parse(readFileSync(path.join(ROOT, c.raw), "utf8")) as KubeObject;
  const neat = JSON.parse(readFileSync(path.join(ROOT, c.expectedNeat), "utf8")) as KubeObject;
  const raws = raw.kind === "List" ? (raw.items as KubeObject[]) : [raw];
  const neats = neat.kind === "List" ? (neat.items as KubeObject[]) : [neat];
  return raws.map((item, index) => [`${c.name}#${index}`, item, neats[index] as KubeObject] as const);
});

describeWith(peerCorpora, "kubectl-neat fixtures", () => {
  it("cover every case", () => expect(pairs.length).toBeGreaterThanOrEqual(cases.length));

  it.each(pairs)("%s: strip removes server fields and status", (_name, raw) => {
    const stripped = stripServerFields(raw);
    expect(stripped.status).toBeUndefined();
    for (const field of SERVER_METADATA) expect((stripped.metadata as KubeObject)[field]).toBeUndefined();
    // the input is left as it was
    expect(raw.metadata).toHaveProperty("uid");
  });

  it.each(pairs)("%s: strip + defaults give kubectl-neat's result", (_name, raw, neat) => {
    const reviewed = REVIEWED[String(raw.kind)] ?? { raw: [], neat: [] };
    const ours = removeDefaults(String(raw.kind), stripServerFields(raw)) as KubeObject;
    expect(without(ours, reviewed.raw)).toEqual(without(neat, reviewed.neat));
  });

  it.each(pairs)("%s: the neat object in Git shows no drift against the raw one", (_name, raw, neat) => {
    const result = detectDrift(gitFrom(JSON.stringify(neat)), liveFrom([raw]));
    expect(result.drifts).toEqual([]);
    expect(result.summary.inSync).toBe(1);
  });
});
