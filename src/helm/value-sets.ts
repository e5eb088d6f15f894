/**
 * The value sets a chart is rendered with: the entries of `helm.charts` naming its directory, each one
 * rendering of its own, or, when none does, the chart's own values.yaml alone.
 */
import path from "node:path";
import type { LoadProblem } from "../manifests/resource.js";
import { isInside } from "../manifests/walk.js";
import type { ChartDir } from "./charts.js";
import type { HelmChartConfig } from "./config-schema.js";
import { setObject } from "./values.js";

export interface ValuesFileRef {
  readonly absolute: string;
  readonly display: string;
}

export interface ValueSet {
  /** how findings name it */
  readonly name: string;
  readonly release?: string;
  readonly namespace?: string;
  /** `-f` files, in order (the chart's values.yaml comes first by itself) */
  readonly values: readonly ValuesFileRef[];
  /** `set:` as the nested object helm makes of it */
  readonly set?: Record<string, unknown>;
  /** the values files as displayed, for the list of files read */
  readonly files: readonly string[];
  /** where a failure of this rendering is reported: its last values file, else Chart.yaml */
  readonly failureAt: { readonly file: string; readonly line: number; readonly column: number };
}

export const DEFAULT_SET_NAME = "values.yaml";

export function valueSetsOf(
  chart: ChartDir,
  configs: readonly HelmChartConfig[],
  root: string,
  cwd: string,
): (ValueSet | { problem: LoadProblem })[] {
  const chartFile = path.join(chart.display, "Chart.yaml");
  const mine = configs.filter((config) => path.resolve(root, config.path) === chart.absolute);
  if (mine.length === 0) {
    return [{ name: DEFAULT_SET_NAME, values: [], files: [], failureAt: { file: chartFile, line: 1, column: 1 } }];
  }
  return mine.map((config) => {
    const values: ValuesFileRef[] = [];
    for (const entry of config.values ?? []) {
      const absolute = path.resolve(chart.absolute, entry);
      // the configuration is the repository's, but a values file is still read from the checkout only
      if (!isInside(absolute, root) && !isInside(absolute, cwd)) {
        const message = `not rendered: the values file ${entry} of helm.charts (${config.path}) is outside the repository`;
        return { problem: { kind: "not-rendered", file: chartFile, line: 1, column: 1, message } };
      }
      values.push({ absolute, display: path.join(chart.display, entry) });
    }
    const last = values.at(-1);
    const set = config.set && Object.keys(config.set).length > 0 ? setObject(config.set) : undefined;
    const named =
      config.name ?? [...(values.length > 0 ? values.map((v) => path.basename(v.display)) : [DEFAULT_SET_NAME])].join(" + ");
    return {
      name: set && !config.name ? `${named} + set` : named,
      ...(config.releaseName ? { release: config.releaseName } : {}),
      ...(config.namespace ? { namespace: config.namespace } : {}),
      values,
      ...(set ? { set } : {}),
      files: values.map((v) => v.display),
      failureAt: { file: last?.display ?? chartFile, line: 1, column: 1 },
    };
  });
}
