import type { PlumblineConfig } from "./types.js";

export type { ExternalResource, PlumblineConfig, RuleSetting } from "./types.js";

export const EMPTY_CONFIG: PlumblineConfig = { ignore: [], rules: {}, external: { namespaces: [], resources: [] } };
