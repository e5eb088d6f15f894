import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { buildCorpus, DEFAULT_CORPUS, writeCorpus } from "../../bench/corpus/generate.js";
import { listManifests } from "../../bench/files.js";

const digest = (files: readonly { path: string; text: string }[]) => {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.path).update("\0").update(file.text).update("\0");
  return hash.digest("hex");
};

describe("bench corpus", () => {
  const corpus = buildCorpus(DEFAULT_CORPUS);
  const again = buildCorpus(DEFAULT_CORPUS);
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is the same for the same seed, and differs for another seed", () => {
    expect(digest(again.files)).toBe(digest(corpus.files));
    // a small corpus is enough to show the seed matters
    const small = { minFiles: 10, minDocuments: 50 };
    const [a, b] = [DEFAULT_CORPUS.seed, DEFAULT_CORPUS.seed + 1].map((seed) => digest(buildCorpus({ ...small, seed }).files));
    expect(a).not.toBe(b);
    expect(digest(buildCorpus({ ...small, seed: DEFAULT_CORPUS.seed }).files)).toBe(a);
  });

  it("has at least 5,000 documents in at least 500 files, of every kind the bench is about", () => {
    expect(corpus.files.length).toBeGreaterThanOrEqual(500);
    expect(corpus.documents).toBeGreaterThanOrEqual(5000);
    const kinds = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Service", "ConfigMap", "Secret", "Ingress"];
    kinds.push("HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "List");
    for (const kind of kinds) expect(corpus.kinds[kind], kind).toBeGreaterThan(0);
    expect(corpus.files.some((file) => file.path.endsWith(".json"))).toBe(true);
    expect(corpus.files.some((file) => file.documents > 1)).toBe(true);
    expect(Object.values(corpus.flaws).every((count) => count > 0)).toBe(true);
  });

  it("writes exactly those files, and each file holds the documents it claims", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "plumbline-bench-"));
    await writeCorpus(dir, corpus);
    const written = await Promise.all(
      (await listManifests(dir)).map(async (file) => ({ path: path.relative(dir, file), text: await readFile(file, "utf8") })),
    );
    const sorted = [...again.files].sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(digest(written)).toBe(digest(sorted));

    // a sample keeps this quick: every 25th file parsed, its document count as generated
    const claimed = new Map(corpus.files.map((file) => [file.path, file.documents]));
    for (const file of written.filter((_, i) => i % 25 === 0)) {
      const documents = file.path.endsWith(".json") ? 1 : parseAllDocuments(file.text).length;
      expect(documents, file.path).toBe(claimed.get(file.path));
    }
  });
});
