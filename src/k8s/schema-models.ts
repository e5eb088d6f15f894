/**
 * Which built-in objects kubernetes-models has schemas for, and how to load each one's model class
 * without loading the other hundred: validators are compiled code (about 10 MB in all), so a run pays
 * only for the kinds its manifests use.
 *
 * Each entry is `require` with a literal specifier on purpose: esbuild inlines exactly those into the
 * Action bundle (which runs without node_modules). Plain Node ESM has no `require`, so `loadModel`
 * resolves the same specifier through `createRequire` there.
 *
 * Derived from kubernetes-models' own exports (every class with a static apiVersion and kind, minus
 * the `*List` kinds); test/k8s/schema.test.ts checks the table against them.
 */
import { createRequire } from "node:module";

type ModelModule = Readonly<Record<string, unknown>>;

const MODELS: Readonly<Record<string, () => ModelModule>> = {
  "admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration"),
  "admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration"),
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration"),
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy"),
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding"),
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration": () =>
    require("kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration"),
  "apiextensions.k8s.io/v1beta1/CustomResourceDefinition": () =>
    require("kubernetes-models/apiextensions.k8s.io/v1beta1/CustomResourceDefinition"),
  "apiextensions.k8s.io/v1/CustomResourceDefinition": () =>
    require("kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition"),
  "apiregistration.k8s.io/v1/APIService": () => require("kubernetes-models/apiregistration.k8s.io/v1/APIService"),
  "apiregistration.k8s.io/v1beta1/APIService": () => require("kubernetes-models/apiregistration.k8s.io/v1beta1/APIService"),
  "apps/v1beta1/ControllerRevision": () => require("kubernetes-models/apps/v1beta1/ControllerRevision"),
  "apps/v1beta1/Deployment": () => require("kubernetes-models/apps/v1beta1/Deployment"),
  "apps/v1beta1/DeploymentRollback": () => require("kubernetes-models/apps/v1beta1/DeploymentRollback"),
  "apps/v1beta1/Scale": () => require("kubernetes-models/apps/v1beta1/Scale"),
  "apps/v1beta1/StatefulSet": () => require("kubernetes-models/apps/v1beta1/StatefulSet"),
  "apps/v1beta2/ControllerRevision": () => require("kubernetes-models/apps/v1beta2/ControllerRevision"),
  "apps/v1beta2/DaemonSet": () => require("kubernetes-models/apps/v1beta2/DaemonSet"),
  "apps/v1beta2/Deployment": () => require("kubernetes-models/apps/v1beta2/Deployment"),
  "apps/v1beta2/ReplicaSet": () => require("kubernetes-models/apps/v1beta2/ReplicaSet"),
  "apps/v1beta2/Scale": () => require("kubernetes-models/apps/v1beta2/Scale"),
  "apps/v1beta2/StatefulSet": () => require("kubernetes-models/apps/v1beta2/StatefulSet"),
  "apps/v1/ControllerRevision": () => require("kubernetes-models/apps/v1/ControllerRevision"),
  "apps/v1/DaemonSet": () => require("kubernetes-models/apps/v1/DaemonSet"),
  "apps/v1/Deployment": () => require("kubernetes-models/apps/v1/Deployment"),
  "apps/v1/ReplicaSet": () => require("kubernetes-models/apps/v1/ReplicaSet"),
  "apps/v1/StatefulSet": () => require("kubernetes-models/apps/v1/StatefulSet"),
  "authentication.k8s.io/v1beta1/TokenReview": () => require("kubernetes-models/authentication.k8s.io/v1beta1/TokenReview"),
  "authentication.k8s.io/v1/SelfSubjectReview": () => require("kubernetes-models/authentication.k8s.io/v1/SelfSubjectReview"),
  "authentication.k8s.io/v1/TokenRequest": () => require("kubernetes-models/authentication.k8s.io/v1/TokenRequest"),
  "authentication.k8s.io/v1/TokenReview": () => require("kubernetes-models/authentication.k8s.io/v1/TokenReview"),
  "authorization.k8s.io/v1beta1/LocalSubjectAccessReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1beta1/LocalSubjectAccessReview"),
  "authorization.k8s.io/v1beta1/SelfSubjectAccessReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1beta1/SelfSubjectAccessReview"),
  "authorization.k8s.io/v1beta1/SelfSubjectRulesReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1beta1/SelfSubjectRulesReview"),
  "authorization.k8s.io/v1beta1/SubjectAccessReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1beta1/SubjectAccessReview"),
  "authorization.k8s.io/v1/LocalSubjectAccessReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1/LocalSubjectAccessReview"),
  "authorization.k8s.io/v1/SelfSubjectAccessReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1/SelfSubjectAccessReview"),
  "authorization.k8s.io/v1/SelfSubjectRulesReview": () =>
    require("kubernetes-models/authorization.k8s.io/v1/SelfSubjectRulesReview"),
  "authorization.k8s.io/v1/SubjectAccessReview": () => require("kubernetes-models/authorization.k8s.io/v1/SubjectAccessReview"),
  "autoscaling/v1/HorizontalPodAutoscaler": () => require("kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler"),
  "autoscaling/v1/Scale": () => require("kubernetes-models/autoscaling/v1/Scale"),
  "autoscaling/v2beta1/HorizontalPodAutoscaler": () => require("kubernetes-models/autoscaling/v2beta1/HorizontalPodAutoscaler"),
  "autoscaling/v2beta2/HorizontalPodAutoscaler": () => require("kubernetes-models/autoscaling/v2beta2/HorizontalPodAutoscaler"),
  "autoscaling/v2/HorizontalPodAutoscaler": () => require("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler"),
  "batch/v1beta1/CronJob": () => require("kubernetes-models/batch/v1beta1/CronJob"),
  "batch/v1/CronJob": () => require("kubernetes-models/batch/v1/CronJob"),
  "batch/v1/Job": () => require("kubernetes-models/batch/v1/Job"),
  "certificates.k8s.io/v1beta1/CertificateSigningRequest": () =>
    require("kubernetes-models/certificates.k8s.io/v1beta1/CertificateSigningRequest"),
  "certificates.k8s.io/v1/CertificateSigningRequest": () =>
    require("kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequest"),
  "coordination.k8s.io/v1beta1/Lease": () => require("kubernetes-models/coordination.k8s.io/v1beta1/Lease"),
  "coordination.k8s.io/v1/Lease": () => require("kubernetes-models/coordination.k8s.io/v1/Lease"),
  "discovery.k8s.io/v1beta1/EndpointSlice": () => require("kubernetes-models/discovery.k8s.io/v1beta1/EndpointSlice"),
  "discovery.k8s.io/v1/EndpointSlice": () => require("kubernetes-models/discovery.k8s.io/v1/EndpointSlice"),
  "events.k8s.io/v1beta1/Event": () => require("kubernetes-models/events.k8s.io/v1beta1/Event"),
  "events.k8s.io/v1/Event": () => require("kubernetes-models/events.k8s.io/v1/Event"),
  "extensions/v1beta1/DaemonSet": () => require("kubernetes-models/extensions/v1beta1/DaemonSet"),
  "extensions/v1beta1/Deployment": () => require("kubernetes-models/extensions/v1beta1/Deployment"),
  "extensions/v1beta1/DeploymentRollback": () => require("kubernetes-models/extensions/v1beta1/DeploymentRollback"),
  "extensions/v1beta1/Ingress": () => require("kubernetes-models/extensions/v1beta1/Ingress"),
  "extensions/v1beta1/NetworkPolicy": () => require("kubernetes-models/extensions/v1beta1/NetworkPolicy"),
  "extensions/v1beta1/PodSecurityPolicy": () => require("kubernetes-models/extensions/v1beta1/PodSecurityPolicy"),
  "extensions/v1beta1/ReplicaSet": () => require("kubernetes-models/extensions/v1beta1/ReplicaSet"),
  "extensions/v1beta1/Scale": () => require("kubernetes-models/extensions/v1beta1/Scale"),
  "flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema"),
  "flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration"),
  "flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema"),
  "flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration"),
  "flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema"),
  "flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration"),
  "flowcontrol.apiserver.k8s.io/v1/FlowSchema": () => require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1/FlowSchema"),
  "flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration": () =>
    require("kubernetes-models/flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration"),
  "networking.k8s.io/v1beta1/Ingress": () => require("kubernetes-models/networking.k8s.io/v1beta1/Ingress"),
  "networking.k8s.io/v1beta1/IngressClass": () => require("kubernetes-models/networking.k8s.io/v1beta1/IngressClass"),
  "networking.k8s.io/v1/Ingress": () => require("kubernetes-models/networking.k8s.io/v1/Ingress"),
  "networking.k8s.io/v1/IngressClass": () => require("kubernetes-models/networking.k8s.io/v1/IngressClass"),
  "networking.k8s.io/v1/IPAddress": () => require("kubernetes-models/networking.k8s.io/v1/IPAddress"),
  "networking.k8s.io/v1/NetworkPolicy": () => require("kubernetes-models/networking.k8s.io/v1/NetworkPolicy"),
  "networking.k8s.io/v1/ServiceCIDR": () => require("kubernetes-models/networking.k8s.io/v1/ServiceCIDR"),
  "node.k8s.io/v1beta1/RuntimeClass": () => require("kubernetes-models/node.k8s.io/v1beta1/RuntimeClass"),
  "node.k8s.io/v1/RuntimeClass": () => require("kubernetes-models/node.k8s.io/v1/RuntimeClass"),
  "policy/v1beta1/Eviction": () => require("kubernetes-models/policy/v1beta1/Eviction"),
  "policy/v1beta1/PodDisruptionBudget": () => require("kubernetes-models/policy/v1beta1/PodDisruptionBudget"),
  "policy/v1beta1/PodSecurityPolicy": () => require("kubernetes-models/policy/v1beta1/PodSecurityPolicy"),
  "policy/v1/Eviction": () => require("kubernetes-models/policy/v1/Eviction"),
  "policy/v1/PodDisruptionBudget": () => require("kubernetes-models/policy/v1/PodDisruptionBudget"),
  "rbac.authorization.k8s.io/v1beta1/ClusterRole": () =>
    require("kubernetes-models/rbac.authorization.k8s.io/v1beta1/ClusterRole"),
  "rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding": () =>
    require("kubernetes-models/rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding"),
  "rbac.authorization.k8s.io/v1beta1/Role": () => require("kubernetes-models/rbac.authorization.k8s.io/v1beta1/Role"),
  "rbac.authorization.k8s.io/v1beta1/RoleBinding": () =>
    require("kubernetes-models/rbac.authorization.k8s.io/v1beta1/RoleBinding"),
  "rbac.authorization.k8s.io/v1/ClusterRole": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole"),
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": () =>
    require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding"),
  "rbac.authorization.k8s.io/v1/Role": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/Role"),
  "rbac.authorization.k8s.io/v1/RoleBinding": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding"),
  "scheduling.k8s.io/v1beta1/PriorityClass": () => require("kubernetes-models/scheduling.k8s.io/v1beta1/PriorityClass"),
  "scheduling.k8s.io/v1/PriorityClass": () => require("kubernetes-models/scheduling.k8s.io/v1/PriorityClass"),
  "storage.k8s.io/v1beta1/CSIDriver": () => require("kubernetes-models/storage.k8s.io/v1beta1/CSIDriver"),
  "storage.k8s.io/v1beta1/CSINode": () => require("kubernetes-models/storage.k8s.io/v1beta1/CSINode"),
  "storage.k8s.io/v1beta1/CSIStorageCapacity": () => require("kubernetes-models/storage.k8s.io/v1beta1/CSIStorageCapacity"),
  "storage.k8s.io/v1beta1/StorageClass": () => require("kubernetes-models/storage.k8s.io/v1beta1/StorageClass"),
  "storage.k8s.io/v1beta1/VolumeAttachment": () => require("kubernetes-models/storage.k8s.io/v1beta1/VolumeAttachment"),
  "storage.k8s.io/v1/CSIDriver": () => require("kubernetes-models/storage.k8s.io/v1/CSIDriver"),
  "storage.k8s.io/v1/CSINode": () => require("kubernetes-models/storage.k8s.io/v1/CSINode"),
  "storage.k8s.io/v1/CSIStorageCapacity": () => require("kubernetes-models/storage.k8s.io/v1/CSIStorageCapacity"),
  "storage.k8s.io/v1/StorageClass": () => require("kubernetes-models/storage.k8s.io/v1/StorageClass"),
  "storage.k8s.io/v1/VolumeAttachment": () => require("kubernetes-models/storage.k8s.io/v1/VolumeAttachment"),
  "v1/Binding": () => require("kubernetes-models/v1/Binding"),
  "v1/ComponentStatus": () => require("kubernetes-models/v1/ComponentStatus"),
  "v1/ConfigMap": () => require("kubernetes-models/v1/ConfigMap"),
  "v1/Endpoints": () => require("kubernetes-models/v1/Endpoints"),
  "v1/Event": () => require("kubernetes-models/v1/Event"),
  "v1/LimitRange": () => require("kubernetes-models/v1/LimitRange"),
  "v1/Namespace": () => require("kubernetes-models/v1/Namespace"),
  "v1/Node": () => require("kubernetes-models/v1/Node"),
  "v1/PersistentVolume": () => require("kubernetes-models/v1/PersistentVolume"),
  "v1/PersistentVolumeClaim": () => require("kubernetes-models/v1/PersistentVolumeClaim"),
  "v1/Pod": () => require("kubernetes-models/v1/Pod"),
  "v1/PodTemplate": () => require("kubernetes-models/v1/PodTemplate"),
  "v1/ReplicationController": () => require("kubernetes-models/v1/ReplicationController"),
  "v1/ResourceQuota": () => require("kubernetes-models/v1/ResourceQuota"),
  "v1/Secret": () => require("kubernetes-models/v1/Secret"),
  "v1/Service": () => require("kubernetes-models/v1/Service"),
  "v1/ServiceAccount": () => require("kubernetes-models/v1/ServiceAccount"),
};

const nodeRequire = createRequire(import.meta.url);

/** `apps/v1/Deployment` for apiVersion `apps/v1`, kind `Deployment`; `v1/Pod` for the core group. */
export function modelKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export function hasModel(apiVersion: string, kind: string): boolean {
  return Object.hasOwn(MODELS, modelKey(apiVersion, kind));
}

export function modelKeys(): string[] {
  return Object.keys(MODELS);
}

/** The module exporting the model class (named after the kind); undefined when there is none. */
export function loadModel(apiVersion: string, kind: string): ModelModule | undefined {
  const key = modelKey(apiVersion, kind);
  const load = Object.hasOwn(MODELS, key) ? MODELS[key] : undefined;
  if (!load) return undefined;
  // bundled, esbuild provides `require` and has inlined the literal requires above
  return typeof require === "function" ? load() : (nodeRequire(`kubernetes-models/${key}`) as ModelModule);
}
