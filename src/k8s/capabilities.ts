/**
 * Linux capabilities a container asks for in `securityContext.capabilities.add`. Container runtimes
 * upper-case the names and accept them with or without the `CAP_` prefix, so `cap_sys_admin`,
 * `SYS_ADMIN` and `sys_admin` are one capability.
 */
import { joinPointer } from "../manifests/pointer.js";
import { containerSecurityContext } from "./security-context.js";
import type { ContainerRef } from "./workload.js";

export interface AddedCapability {
  /** canonical spelling: upper case, no `CAP_` prefix */
  readonly name: string;
  /** JSON pointer of the list item */
  readonly path: string;
}

/**
 * Capabilities that let a process leave the container or take over the node, and what each allows.
 * Left out on purpose: the runtime's default set (CHOWN, NET_RAW, SETUID…), which a container has
 * without asking, and NET_BIND_SERVICE, the one capability Pod Security's "restricted" level allows.
 */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: "every capability, which is as good as running privileged",
  SYS_ADMIN: "mounting filesystems, creating namespaces and much more: close to root on the node",
  SYS_MODULE: "loading modules into the node's kernel",
  SYS_PTRACE: "tracing and injecting code into other processes (any on the node when combined with hostPID)",
  SYS_RAWIO: "raw access to devices, I/O ports and kernel memory",
  SYS_BOOT: "loading a new kernel (kexec) on the node",
  SYS_TIME: "setting the node's clock, which no namespace isolates",
  DAC_READ_SEARCH: "opening files by handle, which reaches files outside the container (the 'shocker' escape)",
  NET_ADMIN: "reconfiguring interfaces, routes and firewall rules, including those that enforce network policy",
  BPF: "loading eBPF programs into the node's kernel",
  MAC_ADMIN: "changing the AppArmor or SELinux policy that confines it",
  MAC_OVERRIDE: "overriding the AppArmor or SELinux policy that confines it",
};

/** `cap_sys_admin` → `SYS_ADMIN`. */
export function canonicalCapability(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}

/** The capabilities a container adds, in list order; entries that are not strings are skipped. */
export function addedCapabilities(ref: ContainerRef): AddedCapability[] {
  const capabilities = containerSecurityContext(ref)?.capabilities;
  if (capabilities === null || typeof capabilities !== "object" || Array.isArray(capabilities)) return [];
  const added = (capabilities as { add?: unknown }).add;
  if (!Array.isArray(added)) return [];
  return added.flatMap((raw, index) =>
    typeof raw === "string"
      ? [{ name: canonicalCapability(raw), path: joinPointer(ref.path, "securityContext", "capabilities", "add", index) }]
      : [],
  );
}
