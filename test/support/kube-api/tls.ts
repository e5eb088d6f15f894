import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface SelfSignedCertificate {
  readonly key: string;
  readonly cert: string;
  /** the certificate as a file, for a kubeconfig's certificate-authority */
  readonly certFile: string;
  readonly dispose: () => Promise<void>;
}

/**
 * A throw-away certificate for 127.0.0.1, made with the openssl CLI at test time (no key is ever
 * committed). Undefined when openssl is not installed, so TLS tests can skip.
 */
export async function makeSelfSignedCertificate(): Promise<SelfSignedCertificate | undefined> {
  const directory = await mkdtemp(path.join(tmpdir(), "plumbline-tls-"));
  const keyFile = path.join(directory, "key.pem");
  const certFile = path.join(directory, "cert.pem");
  try {
    await promisify(execFile)(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"].concat([
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ]),
      { timeout: 10_000 },
    );
  } catch {
    await rm(directory, { recursive: true, force: true });
    return undefined;
  }
  return {
    key: await readFile(keyFile, "utf8"),
    cert: await readFile(certFile, "utf8"),
    certFile,
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
