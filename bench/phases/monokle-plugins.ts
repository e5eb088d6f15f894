/**
 * Monokle's default plugin set is kubernetes-schema, yaml-syntax, pod-security-standards and
 * resource-links. Offline, three of them run; practices is added because its checks (image tags,
 * requests and limits) are the ones Plumbline's catalogue overlaps with. Left out, and why:
 * - kubernetes-schema fetches every kind's JSON schema from plugins.monokle.com; offline each fetch
 *   fails, the plugin swallows the failure and validates nothing.
 * - open-policy-agent downloads its policy WASM bundle; admission-policy downloads a CEL WASM.
 * - metadata is off by default and has no counterpart in Plumbline.
 * They are left out of the map rather than set to false: a plugin set to false is still loaded, and
 * each of these three starts a download while loading (definitions.json, trivy.wasm, cel.wasm.gz).
 */
export const MONOKLE_OFFLINE_DEFAULT = ["yaml-syntax", "pod-security-standards", "resource-links", "practices"] as const;

/** The same without resource-links, whose prerequisite `processRefs` compares every reference with every candidate target. */
export const MONOKLE_PER_RESOURCE = ["yaml-syntax", "pod-security-standards", "practices"] as const;
