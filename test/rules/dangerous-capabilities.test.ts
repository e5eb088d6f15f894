import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "dangerous-capabilities";

function pod(add: string, extra = ""): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1
          securityContext:
            ${extra}capabilities:
              add: ${add}
  `;
}

describe(RULE, () => {
  it("fires on each dangerous capability at its list item, as a warning", () => {
    const text = pod("[NET_BIND_SERVICE, SYS_ADMIN, CHOWN, cap_sys_module]");
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.path)).toEqual([
      "/spec/containers/0/securityContext/capabilities/add/1",
      "/spec/containers/0/securityContext/capabilities/add/3",
    ]);
    expect(findings[0]).toMatchObject({ severity: "warning", ...positionOf(text, "SYS_ADMIN") });
    expect(findings[0]?.message).toBe(
      'container "app" adds SYS_ADMIN, which allows mounting filesystems, creating namespaces and much more: close to root on the node; remove it unless the workload cannot run without it',
    );
    expect(findings[1]?.message).toContain("adds SYS_MODULE, which allows loading modules into the node's kernel");
  });

  it.each(["ALL", "all", "CAP_SYS_PTRACE", "Net_Admin", "DAC_READ_SEARCH", "BPF", "SYS_RAWIO"])(
    "recognises %s in any spelling",
    (cap) => {
      expect(findingsOf(RULE, pod(`[${cap}]`))).toHaveLength(1);
    },
  );

  it("stays silent for the runtime's default capabilities and NET_BIND_SERVICE", () => {
    expect(findingsOf(RULE, pod("[NET_BIND_SERVICE, CHOWN, NET_RAW, SETUID, KILL]"))).toEqual([]);
    expect(findingsOf(RULE, pod("[]"))).toEqual([]);
    expect(findingsOf(RULE, pod("SYS_ADMIN"))).toEqual([]);
  });

  it("leaves privileged containers to privileged-container", () => {
    expect(findingsOf(RULE, pod("[SYS_ADMIN]", "privileged: true\n        "))).toEqual([]);
  });

  it("honours Polaris' exemption annotation", () => {
    const text = pod("[NET_ADMIN]").replace(
      "metadata: { name: p }",
      'metadata: { name: p, annotations: { polaris.fairwinds.com/dangerousCapabilities-exempt: "true" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' dangerousCapabilities fixtures", () => {
    const dir = "polaris/test/checks/dangerousCapabilities";
    for (const file of ["failure.yaml", "failure.all.yaml", "failure.all-caps.yaml", "failure.case.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`${dir}/${file}`)), file).toHaveLength(1);
    }
    expect(findingsOf(RULE, corpusFile(`${dir}/success.yaml`))).toEqual([]);
  });
});
