/**
 * Defaults a namespace's LimitRange gives containers that leave requests or limits unset: a container
 * the admission controller fills in is not missing anything.
 */
import type { Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import { namespaceOf } from "./namespace.js";
import type { ResourceName } from "./resources.js";

export interface ContainerDefaults {
  /** resources that get a request: from `defaultRequest`, or from `default`, which requests fall back to */
  readonly requests: ReadonlySet<ResourceName>;
  /** resources that get a limit, from `default` */
  readonly limits: ReadonlySet<ResourceName>;
}

const NAMES: readonly ResourceName[] = ["cpu", "memory"];

/**
 * The container defaults of every LimitRange in the workload's namespace; an object without a namespace
 * is in `default`, on either side, as everywhere in Plumbline.
 */
export function containerDefaults(resources: readonly Resource[], workload: Resource): ContainerDefaults {
  const requests = new Set<ResourceName>();
  const limits = new Set<ResourceName>();
  for (const range of limitRanges(resources)) {
    if (namespaceOf(range) !== namespaceOf(workload)) continue;
    const spec = range.object.spec as { limits?: unknown } | undefined;
    if (!Array.isArray(spec?.limits)) continue;
    for (const item of spec.limits) {
      if (!isRecord(item) || (item.type !== undefined && item.type !== "Container")) continue;
      for (const name of NAMES) {
        if (has(item.default, name)) {
          limits.add(name);
          requests.add(name);
        }
        if (has(item.defaultRequest, name)) requests.add(name);
      }
    }
  }
  return { requests, limits };
}

/** Found once per scope: every workload of the scope asks, and scopes can hold thousands of objects. */
const LIMIT_RANGES = new WeakMap<readonly Resource[], readonly Resource[]>();

function limitRanges(resources: readonly Resource[]): readonly Resource[] {
  let ranges = LIMIT_RANGES.get(resources);
  if (!ranges) {
    ranges = resources.filter((resource) => resource.kind === "LimitRange");
    LIMIT_RANGES.set(resources, ranges);
  }
  return ranges;
}

function has(section: unknown, name: ResourceName): boolean {
  if (!isRecord(section)) return false;
  const value = section[name];
  return value !== undefined && value !== null && value !== "";
}
