import type { Operation } from "fast-json-patch";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import { type Hit, type Rule, withFix } from "../types.js";

export const duplicateEnvVar: Rule = {
  id: "duplicate-env-var",
  title: "Environment variable is set twice in one container",
  severity: "warning",
  category: "reliability",
  why: "When a container lists the same variable twice the kubelet keeps the last entry without a word, so whoever edits the first one changes nothing in the running pod. Keep one entry per name.",
  peers: { kubeLinter: ["duplicate-env-var"], kubeScore: ["environment-variable-key-duplication"] },
  appliesTo: isWorkload,
  check: (resource) => containersOf(resource, ["container", "init", "ephemeral"]).flatMap(duplicatesIn),
};

interface EnvEntry {
  readonly index: number;
  readonly name: string;
  readonly entry: Record<string, unknown>;
}

/** One hit per duplicated name, at the entry that wins (the last), with the earlier ones' removal as the fix. */
function duplicatesIn(ref: ContainerRef): Hit[] {
  const env = ref.container.env;
  if (!Array.isArray(env)) return [];
  const entries: EnvEntry[] = env.flatMap((entry, index) =>
    entry && typeof entry === "object" && typeof (entry as { name?: unknown }).name === "string"
      ? [{ index, name: (entry as { name: string }).name, entry: entry as Record<string, unknown> }]
      : [],
  );
  const byName = Map.groupBy(entries, (e) => e.name);
  return [...byName.values()].flatMap((group) => {
    if (group.length < 2) return [];
    const winner = group[group.length - 1] as EnvEntry;
    const losers = group.slice(0, -1);
    const positions = group.map((e) => e.index + 1).join(", ");
    const fix = referencedByName(entries, winner.name) ? undefined : removal(ref, losers);
    return [
      // the entries removed never took effect, and none is referenced: safe
      withFix(
        {
          path: joinPointer(ref.path, "env", winner.index, "name"),
          message: `${describeContainer(ref)} sets ${winner.name} ${group.length} times (env entries ${positions}); only the last, ${describeValue(winner.entry)}, takes effect: remove the others`,
        },
        fix,
        "safe",
      ),
    ];
  });
}

/**
 * `$(NAME)` in another entry expands to the value defined above it, so dropping an earlier definition
 * would change that entry: no fix is offered then, only the finding.
 */
function referencedByName(entries: readonly EnvEntry[], name: string): boolean {
  return entries.some((e) => typeof e.entry.value === "string" && e.entry.value.includes(`$(${name})`));
}

/** Removes the earlier entries, last first, so each index still points at the entry it named. */
function removal(ref: ContainerRef, losers: readonly EnvEntry[]): Operation[] {
  return [...losers]
    .sort((a, b) => b.index - a.index)
    .map((e) => ({ op: "remove" as const, path: joinPointer(ref.path, "env", e.index) }));
}

function describeValue(entry: Record<string, unknown>): string {
  if (entry.valueFrom !== undefined && entry.valueFrom !== null) return "its valueFrom reference";
  if (entry.value === undefined || entry.value === null) return "an empty value";
  return JSON.stringify(String(entry.value));
}
