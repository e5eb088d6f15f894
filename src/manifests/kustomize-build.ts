/** Runs `kubectl kustomize` and turns its failures into messages that read the same on every run. */
import { execFile } from "node:child_process";
import path from "node:path";
import { offlineToolEnv } from "./tool-env.js";

export type RenderResult = { ok: true; yaml: string } | { ok: false; reason: "no-kubectl" | "failed"; message: string };

export interface RenderOptions {
  readonly kubectl: string;
  /** paths in messages are shown relative to this directory */
  readonly cwd: string;
  /**
   * when nothing remote is allowed, network access is also cut off for git and for kustomize's own HTTP
   * loader, in case a remote reference slipped past the check that refuses them
   */
  readonly offline: boolean;
  /** the helm to inflate `helmCharts:` with (`--enable-helm`); charts are not inflated without it */
  readonly helm?: string;
}

const MAX_MESSAGE = 600;

export function renderKustomization(dir: string, options: RenderOptions): Promise<RenderResult> {
  // remote resources the configuration allows are fetched as the user would fetch them (their git, their credentials)
  const env = options.offline ? offlineToolEnv() : process.env;
  return new Promise((resolve) => {
    execFile(
      options.kubectl,
      ["kustomize", dir, ...(options.helm ? ["--enable-helm", "--helm-command", options.helm] : [])],
      { timeout: 120_000, maxBuffer: 512 * 1024 * 1024, env },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, yaml: stdout });
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
          return resolve({ ok: false, reason: "no-kubectl", message: "kubectl is not on PATH" });
        }
        resolve({ ok: false, reason: "failed", message: buildErrorMessage(stderr || error.message, options.cwd) });
      },
    );
  });
}

/**
 * The reason a build failed, without what changes from run to run: kubectl logs through klog
 * (`E1202 07:52:12.838045    9342 run.go:72] "command failed" err="…"`), whose timestamp and process id
 * would give the finding a new fingerprint on every run, so a pull request would always "add" it.
 * Absolute paths become relative to the working directory, and kustomize's clone directories lose
 * their random suffix.
 */
export function buildErrorMessage(stderr: string, cwd: string): string {
  // kubectl echoes file content in some errors: only the tail is read, and nothing below backtracks
  const text = stderr.slice(-MAX_STDERR).replace(/\r\n?/g, "\n");
  let detail: string | undefined;
  const quoted = /\berr="((?:[^"\\]|\\.)*)"/.exec(text);
  const blockStart = text.indexOf("err=<\n");
  if (quoted) {
    try {
      detail = JSON.parse(`"${quoted[1]}"`) as string;
    } catch {
      detail = quoted[1];
    }
  } else if (blockStart >= 0) {
    const body = text.slice(blockStart + "err=<\n".length);
    const end = body.search(/\n *>/);
    detail = (end < 0 ? body : body.slice(0, end)).replace(/^\t/gm, "");
  } else {
    detail = text
      .split("\n")
      .map((line) => line.replace(KLOG_HEADER, "").trim())
      .filter((line) => line !== "")
      .pop();
  }
  const cleaned = (detail ?? "")
    .replace(/^(error|Error):\s*/, "")
    .split(/\s+/)
    .map((token) => cleanToken(token, cwd))
    .join(" ")
    .replace(/\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b/g, "")
    .trim();
  const message = cleaned || "kubectl kustomize failed without a message";
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

const MAX_STDERR = 64 * 1024;

/**
 * One word of the message: an absolute path becomes relative to the working directory, and a
 * kustomize clone directory (`/tmp/kustomize-123456789/…`) loses its random name.
 */
function cleanToken(token: string, cwd: string): string {
  const at = token.indexOf("/");
  if (at < 0) return token;
  const prefix = token.slice(0, at);
  // only a path that starts the word, or follows a quote or an opening bracket, is absolute
  if (!/^['"([]*$/.test(prefix)) return token;
  let end = token.length;
  while (end > at && "'\":,;)]".includes(token[end - 1] as string)) end--;
  const absolute = token.slice(at, end);
  const suffix = token.slice(end);
  const clone = /\/kustomize-\d+(?=\/|$)/.exec(absolute);
  const shown = clone ? `<clone>${absolute.slice(clone.index + clone[0].length)}` : relativeTo(cwd, absolute);
  return `${prefix}${shown}${suffix}`;
}

/** klog's line header: severity letter, date, time, thread id, source file and line. */
const KLOG_HEADER = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^\]]*\]\s*/;

function relativeTo(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === "" ? "." : relative;
}
