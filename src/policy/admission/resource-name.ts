/**
 * The resource name (`deployments`) that admission rules list, from a kind (`Deployment`). The API
 * server takes it from discovery; for files, the lower-cased plural by the rules Kubernetes' own
 * names follow is right for every built-in kind, and for the usual CRDs.
 */
const IRREGULAR: Readonly<Record<string, string>> = {
  Endpoints: "endpoints",
  PodSecurityPolicy: "podsecuritypolicies",
};

export function resourceName(kind: string): string {
  const irregular = IRREGULAR[kind];
  if (irregular) return irregular;
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}
