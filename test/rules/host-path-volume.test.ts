import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "host-path-volume";

function pod(volumes: string, mounts = "[]"): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1
          volumeMounts: ${mounts}
      volumes: ${volumes}
  `;
}

describe(RULE, () => {
  it("fires on a hostPath volume at its hostPath key, saying who can write to it", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: logs }
      spec:
        selector: { matchLabels: { app: logs } }
        template:
          metadata: { labels: { app: logs } }
          spec:
            containers:
              - name: shipper
                image: shipper:1
                volumeMounts: [{ name: varlog, mountPath: /var/log }]
            volumes:
              - name: scratch
                emptyDir: {}
              - name: varlog
                hostPath:
                  path: /var/log/
    `;
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/template/spec/volumes/1/hostPath",
      ...positionOf(text, "hostPath:"),
    });
    expect(findings[0]?.message).toBe(
      'volume "varlog" mounts the node\'s /var/log (writable by container "shipper"): the pod depends on that node\'s files; a compromised container can change them',
    );
  });

  it("says what a sensitive path hands over, and notices read-only mounts", () => {
    const [socket] = findingsOf(
      RULE,
      pod(
        "[{ name: sock, hostPath: { path: /var/run/docker.sock, type: Socket } }]",
        "[{ name: sock, mountPath: /run/docker.sock, readOnly: true }]",
      ),
    );
    expect(socket?.message).toBe(
      "volume \"sock\" mounts the node's /var/run/docker.sock (read-only), the container runtime's socket: whoever can talk to it controls every container on the node",
    );
    const [root] = findingsOf(RULE, pod("[{ name: root, hostPath: { path: / } }]"));
    expect(root?.message).toBe("volume \"root\" mounts the node's /, the node's whole filesystem");
    const [above] = findingsOf(RULE, pod("[{ name: var, hostPath: { path: /var/lib } }]"));
    expect(above?.message).toContain("/var/lib, which holds the kubelet's state");
    // below /etc is judged on its own: CA certificates are not the node's configuration
    const [certs] = findingsOf(RULE, pod("[{ name: certs, hostPath: { path: /etc/ssl/certs } }]"));
    expect(certs?.message).toBe("volume \"certs\" mounts the node's /etc/ssl/certs: the pod depends on that node's files");
  });

  it("stays silent without hostPath volumes, and for kinds without pods", () => {
    expect(
      findingsOf(RULE, pod("[{ name: data, persistentVolumeClaim: { claimName: data } }, { name: c, configMap: { name: c } }]")),
    ).toEqual([]);
    expect(
      findingsOf(RULE, "apiVersion: v1\nkind: PersistentVolume\nmetadata: { name: pv }\nspec: { hostPath: { path: /data } }\n"),
    ).toEqual([]);
  });

  it("honours kube-linter's sensitive-host-mounts annotation", () => {
    const text = pod("[{ name: etc, hostPath: { path: /etc } }]").replace(
      "metadata: { name: p }",
      'metadata: { name: p, annotations: { ignore-check.kube-linter.io/sensitive-host-mounts: "reads node config" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' hostPathSet fixtures and kube-linter's sensitive mounts", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/hostPathSet/failure.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/hostPathSet/success.yaml"))).toEqual([]);
    const etc = findingsOf(RULE, corpusFile("kube-linter/tests/checks/sensitive-host-mounts.yml"));
    expect(etc.map((f) => f.resource.name)).toEqual(["app1", "app2"]);
    expect(etc[0]?.message).toContain("the node's configuration");
  });
});
