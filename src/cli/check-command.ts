import path from "node:path";
import { type CheckResult, check } from "../check.js";
import { loadConfig } from "../config/load.js";
import { type Finding, severityRank } from "../findings/finding.js";
import { fixFiles, fixSummary, isSafeFix, planFixes } from "../fix/index.js";
import { repositoryUri } from "../report/artifact-uri.js";
import { renderReport } from "../report/render.js";
import { type Fixable, printable } from "../report/text.js";
import { CHECK_HELP, type FailOn, parseCheckArgs } from "./check-args.js";
import { type CliIo, EXIT, terminalColumns, useColor } from "./io.js";
import { readSarifSources } from "./sarif-sources.js";
import { writeReport } from "./write-output.js";

export { CHECK_HELP } from "./check-args.js";

/** `plumbline check`: arguments, configuration, the core, one report, an exit code. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseCheckArgs(argv);
  if (args.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const { config, root } = await loadConfig(args.config, io.cwd);
  const failOn: FailOn = args.failOn ?? config.failOn ?? "error";
  // read once and kept: a dry run diffs what came in on stdin after checking it
  const stdin = once(io.readStdin);
  const options = {
    cwd: io.cwd,
    root,
    config,
    readStdin: stdin,
    ...(args.kubernetesVersion ? { kubernetesVersion: args.kubernetesVersion } : {}),
    ...(args.maxFileSize ? { maxFileSize: args.maxFileSize } : {}),
  };
  let result = await check(args.paths, options);

  if (args.fix) {
    const plan = planFixes(result.findings, result.manifests.resources, { unsafe: args.unsafeFixes });
    const outcome = await fixFiles(plan, { cwd: io.cwd, dryRun: args.dryRun, stdinText: stdin });
    io.stderr(fixSummary(outcome, args.dryRun));
    if (args.dryRun) {
      // the diff takes the report's place; nothing changed, so the exit code is the check's
      await emit(outcome.diff, args.output, io);
      return exitCode(result.findings, failOn);
    }
    // the report is of what is left
    if (outcome.fixed.length > 0) result = await check(args.paths, options);
  }

  if (result.manifests.resources.length === 0 && result.findings.length === 0)
    io.stderr(nothingChecked(args.paths, result.manifests.files.length));
  const toFile = args.output !== undefined && args.output !== "-";
  const columns = toFile ? undefined : terminalColumns(io);
  const fixable = args.format === "text" ? fixableCounts(result) : undefined;
  const report = renderReport(args.format, result, {
    // a file is read later by something else: never escape codes in it
    color: !args.noColor && !toFile && useColor(io),
    ...(columns !== undefined ? { columns } : {}),
    ...(fixable ? { fixable } : {}),
    uriFor: (file) => repositoryUri(file, { cwd: io.cwd, root }),
    ...(args.format === "sarif"
      ? {
          sources: await readSarifSources(result, { cwd: io.cwd, stdin }),
          root,
          ...(args.sarifCategory !== undefined ? { sarifCategory: args.sarifCategory } : {}),
        }
      : {}),
  });
  await emit(report, args.output, io);
  return exitCode(result.findings, failOn);
}

/** What `--fix` would fix, and `--unsafe-fixes` on top: the fixer's own plan, so rendered objects and clashing fixes do not count. */
function fixableCounts(result: CheckResult): Fixable {
  const plan = planFixes(result.findings, result.manifests.resources, { unsafe: true });
  const planned = plan.files.flatMap((file) => file.objects.flatMap((object) => object.findings));
  const safe = planned.filter(isSafeFix).length;
  return { safe, unsafe: planned.length - safe };
}

/** On stderr whatever the format, so a pipeline that checks nothing is seen to. */
function nothingChecked(paths: readonly string[], files: number): string {
  const where = paths.length === 0 ? "." : paths.join(" ");
  const read = files === 0 ? "no manifest file" : `${files} file(s) but no Kubernetes object`;
  return `plumbline: notice: 0 resources checked: found ${read} in ${printable(where)}\n`;
}

/** To the --output file when one is named, else to stdout. */
async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output !== undefined && output !== "-") await writeReport(path.resolve(io.cwd, output), text, output);
  else io.stdout(text);
}

function once(read: () => Promise<string>): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () => {
    text ??= read();
    return text;
  };
}

export function exitCode(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === "none") return EXIT.ok;
  const threshold = severityRank(failOn);
  return findings.some((finding) => severityRank(finding.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}
