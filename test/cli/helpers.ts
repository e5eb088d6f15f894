import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface Captured {
  stdout: string;
  stderr: string;
}

/** A CliIo that keeps what the command printed, for one run in `cwd`. */
export function memoryIo(
  cwd: string,
  options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {},
): CliIo & { captured: Captured } {
  const captured: Captured = { stdout: "", stderr: "" };
  return {
    cwd,
    env: options.env ?? {},
    stdout: (text) => {
      captured.stdout += text;
    },
    stderr: (text) => {
      captured.stderr += text;
    },
    stdoutIsTty: options.tty ?? false,
    readStdin: async () => options.stdin ?? "",
    captured,
  };
}

/** Runs `plumbline <argv>` in `cwd` and returns the exit code with what was printed. */
export async function run(
  cwd: string,
  argv: string[],
  options: Parameters<typeof memoryIo>[1] = {},
): Promise<Captured & { code: number }> {
  const io = memoryIo(cwd, options);
  const code = await main(argv, io);
  return { code, ...io.captured };
}

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A temporary directory holding `files` (paths relative to it), removed after the test. */
export async function tempTree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "plumbline-cli-"));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

/** A Deployment whose only interesting trait is `image`; every other field is a sane production value. */
export function deployment(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: ${image}
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 128Mi
`;
}

/** An unparseable file: exactly one yaml-syntax-error (severity error) at line 3, column 11; no resources. */
export const BROKEN_YAML = "apiVersion: v1\nkind: ConfigMap\nmetadata: name: web\ndata: {}\n";

/** A binary file with a manifest name: exactly one file-skipped (severity info), no resources. */
export const BINARY_FILE = Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02]);

/** YAML that is not a Kubernetes object: read, never a finding. */
export const NOT_A_MANIFEST = "replicas: 3\nimage: nginx\n";

export interface JsonReport {
  findings: {
    rule: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    message: string;
    resource: Record<string, string | null>;
  }[];
  summary: { files: number; resources: number; findings: number };
}

export function rulesIn(report: JsonReport): string[] {
  return report.findings.map((finding) => finding.rule);
}
