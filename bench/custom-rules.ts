/**
 * What 50 custom CEL rules add to `plumbline check` on the benchmark corpus (the issue's budget: at most
 * 20% over the built-in catalogue). Run: `npm run build && node build/bench/custom-rules.js [--reps N]`.
 * Both runs load and check the same generated corpus in this process, interleaved, medians reported.
 * Times are this process's CPU time (user + system), not wall time: on a shared machine other
 * processes' load would otherwise decide the ratio.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { check } from "../src/check.js";
import { EMPTY_CONFIG } from "../src/config/config.js";
import { parseConfig } from "../src/config/parse.js";
import { loadManifests } from "../src/manifests/load.js";
import { checkPolicies } from "../src/policy/index.js";
import { DEFAULT_KUBERNETES_VERSION } from "../src/rules/api-versions/api-data.js";
import { runRules } from "../src/rules/engine.js";
import { buildCorpus, DEFAULT_CORPUS, writeCorpus } from "./corpus/generate.js";
import { median } from "./timing.js";

const { values } = parseArgs({ options: { reps: { type: "string", default: "5" } } });
const reps = Math.max(1, Number(values.reps));

/** Ten shapes of rule teams write, five variants each: 50 rules over workloads, Services and metadata. */
function fiftyRules(): string {
  const shapes = [
    (i: number) => ({
      kinds: "[Deployment, StatefulSet, DaemonSet]",
      expression: `object.spec.template.spec.containers.all(c, c.image.startsWith('registry${i}.example.com/'))`,
    }),
    (i: number) => ({ kinds: "[Deployment]", expression: `has(object.metadata.labels) && 'team${i}' in object.metadata.labels` }),
    (i: number) => ({
      kinds: "[Service]",
      expression: `!has(object.spec.type) || object.spec.type != 'LoadBalancer' || object.metadata.name.startsWith('lb${i}-')`,
    }),
    (i: number) => ({
      kinds: "[Deployment, StatefulSet]",
      expression: `!has(object.spec.replicas) || object.spec.replicas <= ${10 + i}`,
    }),
    (i: number) => ({
      kinds: "[Deployment]",
      expression: `object.spec.template.spec.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.limits.memory) || quantity(string(c.resources.limits.memory)).isLessThan(quantity('${i + 1}Gi')))`,
    }),
    (i: number) => ({
      kinds: "[Deployment, StatefulSet, DaemonSet]",
      expression: `object.spec.template.spec.containers.all(c, !c.image.matches(':latest$') && c.name.size() < ${40 + i})`,
    }),
    (i: number) => ({ kinds: "[ConfigMap]", expression: `!has(object.data) || object.data.all(k, k.size() < ${200 + i})` }),
    (i: number) => ({ kinds: "[]", expression: `object.metadata.name.matches('^[a-z0-9-]{1,${50 + i}}$')` }),
    (i: number) => ({
      kinds: "[Deployment]",
      expression: `!has(object.spec.template.spec.containers[0].ports) || object.spec.template.spec.containers[0].ports.all(p, p.containerPort != ${22 + i})`,
    }),
    (i: number) => ({ kinds: "[Ingress]", expression: `!has(object.spec.tls) || object.spec.tls.size() < ${5 + i}` }),
  ];
  const rules = shapes.flatMap((shape, s) =>
    [0, 1, 2, 3, 4].map((variant) => {
      const { kinds, expression } = shape(variant);
      return `    - id: bench-${s}-${variant}\n      match: { kinds: ${kinds} }\n      expression: ${JSON.stringify(expression)}\n      message: rule ${s}/${variant}`;
    }),
  );
  return `rules:\n  custom:\n${rules.join("\n")}\n`;
}

const dir = await mkdtemp(path.join(tmpdir(), "plumbline-custom-bench-"));
try {
  await writeCorpus(dir, buildCorpus(DEFAULT_CORPUS));
  const custom = parseConfig(fiftyRules(), "bench.yml");
  const run = async (config: typeof EMPTY_CONFIG) => {
    const start = process.cpuUsage();
    const result = await check(["."], { cwd: dir, config });
    const used = process.cpuUsage(start);
    return { ms: (used.user + used.system) / 1000, findings: result.findings.length, resources: result.summary.resources };
  };
  await run(EMPTY_CONFIG); // warm-up: JIT and file cache
  await run(custom);
  const plain: number[] = [];
  const withRules: number[] = [];
  let counts = { plain: 0, custom: 0, resources: 0 };
  for (let rep = 0; rep < reps; rep++) {
    const a = await run(EMPTY_CONFIG);
    const b = await run(custom);
    plain.push(a.ms);
    withRules.push(b.ms);
    counts = { plain: a.findings, custom: b.findings, resources: a.resources };
  }
  // the two phases alone, on manifests loaded once: what the rules cost without the file reading
  const manifests = await loadManifests(["."], { cwd: dir });
  const cpu = (work: () => unknown) => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const catalogueMs: number[] = [];
  const policyMs: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    catalogueMs.push(cpu(() => runRules(manifests, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION })));
    policyMs.push(cpu(() => checkPolicies(manifests, custom)));
  }
  const base = median(plain);
  const extra = median(withRules);
  process.stdout.write(
    `${counts.resources} resources, ${reps} reps (median CPU time of one plumbline check)\n` +
      `built-in catalogue:            ${base.toFixed(0)} ms (${counts.plain} findings)\n` +
      `catalogue + ${custom.customRules?.length} custom rules: ${extra.toFixed(0)} ms (${counts.custom} findings)\n` +
      `overhead: ${(((extra - base) / base) * 100).toFixed(1)}% (budget 20%)\n` +
      `phases alone: built-in rules ${median(catalogueMs).toFixed(0)} ms, 50 custom rules ${median(policyMs).toFixed(0)} ms\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
