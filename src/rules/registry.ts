import { apiDeprecated } from "./api-versions/api-deprecated.js";
import { apiRemoved } from "./api-versions/api-removed.js";
import { imageTagLatest } from "./images/image-tag-latest.js";
import { duplicateResource } from "./input/duplicate-resource.js";
import { fileSkipped } from "./input/file-skipped.js";
import { helmNotFound } from "./input/helm-not-found.js";
import { helmRenderFailed } from "./input/helm-render-failed.js";
import { kustomizeBuildFailed } from "./input/kustomize-build-failed.js";
import { schemaInvalid } from "./input/schema-invalid.js";
import { yamlDuplicateKey } from "./input/yaml-duplicate-key.js";
import { yamlSyntaxError } from "./input/yaml-syntax-error.js";
import { configmapRefMissing } from "./links/configmap-ref-missing.js";
import { ingressBackendMissing } from "./links/ingress-backend-missing.js";
import { namespaceMissing } from "./links/namespace-missing.js";
import { secretRefMissing } from "./links/secret-ref-missing.js";
import { selectorMismatch } from "./links/selector-mismatch.js";
import { serviceSelectorMatchesNothing } from "./links/service-selector-matches-nothing.js";
import { serviceTargetPortUnknown } from "./links/service-target-port-unknown.js";
import { statefulsetServiceNotHeadless } from "./links/statefulset-service-not-headless.js";
import { networkPolicyMissing } from "./networking/network-policy-missing.js";
import { livenessChecksDependencies } from "./probes/liveness-checks-dependencies.js";
import { livenessEqualsReadiness } from "./probes/liveness-equals-readiness.js";
import { livenessProbeMissing } from "./probes/liveness-probe-missing.js";
import { probePortUnknown } from "./probes/probe-port-unknown.js";
import { readinessProbeMissing } from "./probes/readiness-probe-missing.js";
import { autoscalerConflict } from "./reliability/autoscaler-conflict.js";
import { duplicateEnvVar } from "./reliability/duplicate-env-var.js";
import { ephemeralDataStore } from "./reliability/ephemeral-data-store.js";
import { hpaMinReplicasTooFew } from "./reliability/hpa-min-replicas-too-few.js";
import { hpaTargetMissing } from "./reliability/hpa-target-missing.js";
import { pdbBlocksEviction } from "./reliability/pdb-blocks-eviction.js";
import { pdbMissing } from "./reliability/pdb-missing.js";
import { pdbSelectorMatchesNothing } from "./reliability/pdb-selector-matches-nothing.js";
import { replicasManagedByHpa } from "./reliability/replicas-managed-by-hpa.js";
import { replicasTooFew } from "./reliability/replicas-too-few.js";
import { rollingUpdateDropsAll } from "./reliability/rolling-update-drops-all.js";
import { rwoVolumeShared } from "./reliability/rwo-volume-shared.js";
import { cpuLimitSet } from "./resources/cpu-limit-set.js";
import { cpuRequestMissing } from "./resources/cpu-request-missing.js";
import { memoryLimitBelowRequest } from "./resources/memory-limit-below-request.js";
import { memoryLimitMissing } from "./resources/memory-limit-missing.js";
import { memoryRequestMissing } from "./resources/memory-request-missing.js";
import { secretDataCommitted } from "./secrets/secret-data-committed.js";
import { secretInEnv } from "./secrets/secret-in-env.js";
import { dangerousCapabilities } from "./security/dangerous-capabilities.js";
import { hostNamespace } from "./security/host-namespace.js";
import { hostPathVolume } from "./security/host-path-volume.js";
import { privilegeEscalationAllowed } from "./security/privilege-escalation-allowed.js";
import { privilegedContainer } from "./security/privileged-container.js";
import { rootFilesystemWritable } from "./security/root-filesystem-writable.js";
import { runAsRoot } from "./security/run-as-root.js";
import type { InputRule, Rule } from "./types.js";

/** Every rule about the input itself. */
export const INPUT_RULES: readonly InputRule[] = [
  yamlSyntaxError,
  yamlDuplicateKey,
  kustomizeBuildFailed,
  helmRenderFailed,
  helmNotFound,
  fileSkipped,
];

/** Every rule about Kubernetes objects, in the order the catalogue documents them. */
export const RULES: readonly Rule[] = [
  duplicateResource,
  schemaInvalid,
  apiRemoved,
  apiDeprecated,
  livenessProbeMissing,
  readinessProbeMissing,
  livenessEqualsReadiness,
  livenessChecksDependencies,
  probePortUnknown,
  replicasTooFew,
  replicasManagedByHpa,
  hpaMinReplicasTooFew,
  hpaTargetMissing,
  autoscalerConflict,
  pdbMissing,
  pdbBlocksEviction,
  pdbSelectorMatchesNothing,
  rollingUpdateDropsAll,
  rwoVolumeShared,
  ephemeralDataStore,
  duplicateEnvVar,
  cpuRequestMissing,
  memoryRequestMissing,
  memoryLimitMissing,
  memoryLimitBelowRequest,
  cpuLimitSet,
  imageTagLatest,
  secretInEnv,
  secretDataCommitted,
  runAsRoot,
  privilegedContainer,
  privilegeEscalationAllowed,
  rootFilesystemWritable,
  hostNamespace,
  hostPathVolume,
  dangerousCapabilities,
  selectorMismatch,
  serviceSelectorMatchesNothing,
  serviceTargetPortUnknown,
  ingressBackendMissing,
  statefulsetServiceNotHeadless,
  configmapRefMissing,
  secretRefMissing,
  namespaceMissing,
  networkPolicyMissing,
];

export const ALL_RULES: readonly (Rule | InputRule)[] = [...INPUT_RULES, ...RULES];

export function findRule(id: string): Rule | InputRule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
