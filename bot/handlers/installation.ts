/** A new installation, or repositories added to one: check them now rather than at the next tick. */

import type { HandlerDeps } from "./types.js";

export interface InstallationEvent {
  readonly action: string;
  readonly installation: {
    readonly id: number;
    readonly account: { readonly login?: string; readonly name?: string | null } | null;
  };
  readonly repositories?: readonly { readonly name: string; readonly full_name: string }[];
  readonly repositories_added?: readonly { readonly name: string; readonly full_name: string }[];
}

export function onInstallation(
  event: InstallationEvent,
  deps: HandlerDeps,
  onRepositories: (installationId: number) => void,
): void {
  const added = event.action === "created" ? event.repositories : event.action === "added" ? event.repositories_added : undefined;
  if (!added) return;
  onRepositories(event.installation.id);
  for (const repository of added) {
    const [owner = "", repo = repository.name] = repository.full_name.split("/");
    deps.tasks.start(deps.runner.checkRepository({ owner, repo, installationId: event.installation.id }, "installation"));
  }
}
