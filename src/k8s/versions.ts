/** Kubernetes `major.minor` versions as comparable numbers. */

export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
}

/** `v1.25.0`, `1.25` → {1, 25}; undefined when it is not a version. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatVersion(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}
