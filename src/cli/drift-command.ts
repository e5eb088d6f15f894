import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load.js";
import { type DriftCluster, readDriftConfig } from "../drift/config.js";
import { UNEDITABLE, type WriteBackEdits } from "../drift/edits.js";
import { gitLoadOptions } from "../drift/pipeline/git-load.js";
import { problemLine, REFUSAL, runDrift } from "../drift/pipeline/index.js";
import { processFingerprinter, stableFingerprinter } from "../drift/secret-values.js";
import { writeEditedFile } from "../drift/write-back.js";
import { LiveSourceError } from "../live/errors.js";
import type { LiveSource } from "../live/types.js";
import { loadManifests } from "../manifests/load.js";
import { DRIFT_FORMATS, type DriftFormat, isDriftFormat, renderDrift } from "../report/drift-render.js";
import { objectName } from "../report/drift-values.js";
import { printable } from "../report/text.js";
import { type CliIo, EXIT, useColor } from "./io.js";
import { progressReporter } from "./progress.js";
import { UsageError } from "./usage.js";
import { writeReport } from "./write-output.js";

/** The key that makes Secret fingerprints comparable across runs (and machines that share it). */
export const FINGERPRINT_KEY_ENV = "PLUMBLINE_FINGERPRINT_KEY";

export const DRIFT_HELP = `Usage: plumbline drift --git DIR (--live SNAPSHOT | --context NAME | --cluster NAME) [options]

Compares the manifests in Git with what a cluster holds, and says who changed what.

Options:
      --git <path>                 manifests: a file, a directory or a Kustomize directory (default: .)
      --live <path>                a saved \`kubectl get -o yaml|json\` (a file or a directory of them)
      --context <name>             read the cluster of this kubeconfig context
      --cluster <name>             a cluster of the drift.clusters configuration (its context and Git paths)
      --kubeconfig <file>          kubeconfig for --context and --cluster (default: KUBECONFIG, ~/.kube/config)
  -n, --namespace <name>           namespace of manifests that name none (default: the context's, else default)
  -f, --format <text|json|markdown>  output format (default: text)
  -o, --output <file>              write the report to a file instead of stdout
      --write                      edit the Git files so that modified objects match the cluster
  -c, --config <file>              configuration file (default: .github/plumbline.yml)
      --timeout <seconds>          per request to the cluster (default: 30)
      --no-color                   never colour the text report
  -h, --help                       show this help

Secret values are never shown. With PLUMBLINE_FINGERPRINT_KEY set, a changed one shows a keyed
fingerprint that stays the same across runs; without it, only "value changed".

Exit codes: 0 no drift, 1 drift found, 2 usage, input or cluster error.
`;

interface DriftArgs {
  readonly git: string[];
  readonly source: LiveSource;
  readonly cluster?: DriftCluster;
  readonly namespace?: string;
  readonly format: DriftFormat;
  readonly output?: string;
  readonly write: boolean;
  readonly config?: string;
  readonly timeoutMs?: number;
  readonly noColor: boolean;
}

/** `plumbline drift`: Git and a live source in, a report and an exit code out; `--write` edits Git. */
export async function driftCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      git: { type: "string", multiple: true },
      live: { type: "string" },
      context: { type: "string" },
      cluster: { type: "string" },
      kubeconfig: { type: "string" },
      namespace: { type: "string", short: "n" },
      format: { type: "string", short: "f", default: "text" },
      output: { type: "string", short: "o" },
      write: { type: "boolean", default: false },
      config: { type: "string", short: "c" },
      timeout: { type: "string" },
      "no-color": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(DRIFT_HELP);
    return EXIT.ok;
  }
  const { config, root, file: configFile } = await loadConfig(values.config, io.cwd);
  const driftConfig = readDriftConfig(config.drift);
  const args = toArgs(values, driftConfig.clusters, root, io.cwd);

  const key = io.env[FINGERPRINT_KEY_ENV];
  const cwd = io.cwd;
  let run: Awaited<ReturnType<typeof runDrift>>;
  // a cluster read kind by kind can take a while: a line on stderr, on a terminal only
  const progress = progressReporter(io, "reading the cluster");
  try {
    run = await runDrift({
      git: {
        load: () => loadManifests(args.git, gitLoadOptions(config, { root, cwd })),
        read: (file) => readFile(path.resolve(cwd, file), "utf8"),
      },
      namespaces: args.cluster?.namespaces ?? [],
      source: args.source,
      live: {
        ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
        ...(args.namespace ? { defaultNamespace: args.namespace } : {}),
        onRequest: progress.onRequest,
      },
      compare: {
        config: driftConfig,
        configSource: configFile ? path.relative(cwd, configFile) : "drift.ignore",
        relativeFile: (file) => path.relative(root, path.resolve(cwd, file)).split(path.sep).join("/"),
        // a key of the user's makes fingerprints comparable across runs; without one they mean nothing outside this run
        fingerprint: key ? stableFingerprinter(key, "plumbline-cli") : processFingerprinter,
      },
      write: args.write ? {} : false,
    });
  } catch (error) {
    if (!(error instanceof LiveSourceError)) throw error;
    io.stderr(`plumbline: ${printable(error.message)}\n`);
    return EXIT.error;
  } finally {
    progress.done();
  }
  for (const problem of run.problems) {
    const label = !run.ok && run.fatal.includes(problem) ? "error" : "warning";
    io.stderr(`plumbline: ${label}: ${printable(problemLine(problem))}\n`);
  }
  if (!run.ok) {
    io.stderr(`plumbline: fix the manifests above first: ${REFUSAL}\n`);
    return EXIT.error;
  }
  const { result } = run;
  if (run.edits) await writeEdits(run.edits, root, io);

  const toFile = args.output !== undefined && args.output !== "-";
  const report = renderDrift(args.format, result, {
    color: !args.noColor && !toFile && useColor(io),
    fingerprints: key !== undefined && key !== "",
  });
  if (toFile && args.output) await writeReport(path.resolve(io.cwd, args.output), report, args.output);
  else io.stdout(report);
  if (args.format === "json") for (const warning of result.warnings) io.stderr(`plumbline: warning: ${printable(warning)}\n`);
  const { modified, missing, extra } = result.summary;
  return modified + missing + extra > 0 ? EXIT.findings : EXIT.ok;
}

function toArgs(values: Record<string, unknown>, clusters: readonly DriftCluster[], root: string, cwd: string): DriftArgs {
  const format = String(values.format);
  if (!isDriftFormat(format)) throw new UsageError(`--format must be one of ${DRIFT_FORMATS.join(", ")}`);
  const sources = ["live", "context", "cluster"].filter((key) => values[key] !== undefined);
  if (sources.length !== 1) throw new UsageError("give exactly one of --live, --context or --cluster");
  let source: LiveSource;
  let cluster: DriftCluster | undefined;
  let git = (values.git as string[] | undefined) ?? [];
  const kubeconfig = typeof values.kubeconfig === "string" ? { kubeconfig: path.resolve(cwd, values.kubeconfig) } : {};
  if (values.cluster !== undefined) {
    cluster = clusters.find((candidate) => candidate.name === values.cluster);
    if (!cluster) throw new UsageError(`no cluster "${String(values.cluster)}" in drift.clusters of the configuration`);
    source = cluster.inCluster
      ? { type: "cluster", inCluster: true }
      : { type: "cluster", ...(cluster.context ? { context: cluster.context } : {}), ...kubeconfig };
    // the configuration's Git paths are relative to the repository root
    if (git.length === 0) git = cluster.paths.map((p) => path.relative(cwd, path.resolve(root, p)) || ".");
  } else if (values.live !== undefined) {
    // relative to where the process runs, so messages show the path as the user typed it
    source = { type: "snapshot", path: path.relative(process.cwd(), path.resolve(cwd, String(values.live))) || "." };
  } else source = { type: "cluster", context: String(values.context), ...kubeconfig };
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0 && seconds <= 600)) throw new UsageError("--timeout must be a number of seconds between 0 and 600");
    timeoutMs = seconds * 1000;
  }
  return {
    git: git.length > 0 ? git : ["."],
    source,
    ...(cluster ? { cluster } : {}),
    ...(typeof values.namespace === "string" ? { namespace: values.namespace } : {}),
    format,
    ...(typeof values.output === "string" ? { output: values.output } : {}),
    write: values.write === true,
    ...(timeoutMs ? { timeoutMs } : {}),
    noColor: values["no-color"] === true,
  };
}

/** Writes each edited Git file at once and says what it did on stderr. */
async function writeEdits(edits: WriteBackEdits, root: string, io: CliIo): Promise<void> {
  let files = 0;
  let changes = 0;
  for (const { file, drift, message } of edits.failures) {
    io.stderr(`plumbline: ${printable(file)}: ${printable(objectName(drift))} not written: ${printable(message)}\n`);
  }
  for (const edited of edits.files) {
    const written = await writeEditedFile(path.resolve(io.cwd, edited.file), edited.text, root);
    if (!written.ok) {
      io.stderr(`plumbline: ${printable(edited.file)}: not written: ${printable(written.message)}\n`);
      continue;
    }
    files++;
    changes += edited.changes;
  }
  io.stderr(`plumbline: wrote ${changes} change(s) to ${files} file(s)\n`);
  for (const { drift, change, reason } of edits.skipped) {
    // an object the engine could not edit was named above, once
    if (change && edits.failures.some((failure) => failure.drift === drift) && reason.startsWith(UNEDITABLE)) continue;
    const object = `${objectName(drift)}${change ? ` ${change.display}` : ""}`;
    io.stderr(`plumbline: not written: ${printable(object)}: ${printable(reason)}\n`);
  }
}
