/**
 * Namespaces that exist once the repository is applied. A Namespace is cluster-wide and usually declared
 * once for everything that lands in it: in a sibling folder, a `namespaces/` directory, another
 * Kustomization or a Flux bootstrap directory. So, unlike links between objects, namespaces are
 * collected over every scope of the run.
 */
import { isRecord, type Resource } from "../manifests/resource.js";

export function namespacesCreated(resources: readonly Resource[]): Set<string> {
  const names = new Set<string>();
  for (const resource of resources) {
    if (resource.kind === "Namespace" && resource.apiVersion === "v1") names.add(resource.name);
    const created = createdByController(resource);
    if (created) names.add(created);
    const own = controllerNamespace(resource);
    if (own) names.add(own);
  }
  return names;
}

/** Flux HelmReleases and Argo CD Applications that are told to create their target namespace. */
function createdByController(resource: Resource): string | undefined {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  if (resource.kind === "HelmRelease" && resource.apiVersion.startsWith("helm.toolkit.fluxcd.io/")) {
    const install = isRecord(spec.install) ? spec.install : {};
    if (install.createNamespace !== true) return undefined;
    return typeof spec.targetNamespace === "string" ? spec.targetNamespace : resource.namespace;
  }
  if ((resource.kind === "Application" || resource.kind === "ApplicationSet") && resource.apiVersion.startsWith("argoproj.io/")) {
    const template =
      resource.kind === "ApplicationSet" && isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : spec;
    const options = isRecord(template.syncPolicy) ? template.syncPolicy.syncOptions : undefined;
    const destination = isRecord(template.destination) ? template.destination.namespace : undefined;
    if (Array.isArray(options) && options.includes("CreateNamespace=true") && typeof destination === "string") return destination;
  }
  return undefined;
}

/**
 * `flux bootstrap` (or `flux install`) creates `flux-system`, and installing Argo CD creates `argocd`;
 * the repository holds the controllers' own objects there (`clusters/<name>/*.yaml`, Applications) but
 * usually not the generated installation that declares the namespace.
 */
function controllerNamespace(resource: Resource): string | undefined {
  if (resource.namespace === "flux-system" && resource.apiVersion.includes(".toolkit.fluxcd.io/")) return "flux-system";
  if (resource.namespace === "argocd" && resource.apiVersion.startsWith("argoproj.io/")) return "argocd";
  return undefined;
}
