import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestKubeconfig {
  /** path of the kubeconfig file */
  readonly file: string;
  /** the context that points at the recorded server (also the current context unless told otherwise) */
  readonly context: string;
  readonly dispose: () => Promise<void>;
}

export interface KubeconfigOptions {
  /** set a CA file instead of insecure-skip-tls-verify (for an HTTPS server) */
  readonly caFile?: string;
  /** the context's namespace; default `shop` */
  readonly namespace?: string;
  /** which context is current; default the recorded one */
  readonly currentContext?: string;
  readonly token?: string;
}

/**
 * Writes a kubeconfig to a fresh temporary directory with two contexts: `recorded`, pointing at the
 * server, and `elsewhere`, pointing at a closed port, so a test can tell which context was used.
 */
export async function writeKubeconfig(server: string, options: KubeconfigOptions = {}): Promise<TestKubeconfig> {
  const directory = await mkdtemp(path.join(tmpdir(), "plumbline-kubeconfig-"));
  const file = path.join(directory, "config");
  const trust = options.caFile
    ? `certificate-authority: ${options.caFile}`
    : server.startsWith("http:")
      ? "insecure-skip-tls-verify: true"
      : "";
  const text = `apiVersion: v1
kind: Config
clusters:
  - name: recorded
    cluster:
      server: ${server}
      ${trust}
  - name: elsewhere
    cluster:
      server: http://127.0.0.1:9
      insecure-skip-tls-verify: true
users:
  - name: drift-reader
    user:
      token: ${options.token ?? "recorded-test-token"}
contexts:
  - name: recorded
    context:
      cluster: recorded
      user: drift-reader
      namespace: ${options.namespace ?? "shop"}
  - name: elsewhere
    context:
      cluster: elsewhere
      user: drift-reader
current-context: ${options.currentContext ?? "recorded"}
`;
  await writeFile(file, text, { mode: 0o600 });
  return { file, context: "recorded", dispose: () => rm(directory, { recursive: true, force: true }) };
}
