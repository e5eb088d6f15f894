import path from "node:path";
import { check } from "../check.js";
import { loadConfig } from "../config/load.js";
import { type Finding, severityRank } from "../findings/finding.js";
import { repositoryUri } from "../report/artifact-uri.js";
import { renderReport } from "../report/render.js";
import { CHECK_HELP, type FailOn, parseCheckArgs } from "./check-args.js";
import { type CliIo, EXIT, useColor } from "./io.js";
import { writeFileAtomic } from "./write-output.js";

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
  const result = await check(args.paths, {
    cwd: io.cwd,
    root,
    config,
    readStdin: io.readStdin,
    ...(args.kubernetesVersion ? { kubernetesVersion: args.kubernetesVersion } : {}),
    ...(args.maxFileSize ? { maxFileSize: args.maxFileSize } : {}),
  });

  const toFile = args.output !== undefined && args.output !== "-";
  const report = renderReport(args.format, result, {
    // a file is read later by something else: never escape codes in it
    color: !args.noColor && !toFile && useColor(io),
    uriFor: (file) => repositoryUri(file, { cwd: io.cwd, root }),
  });
  if (toFile && args.output) await writeFileAtomic(path.resolve(io.cwd, args.output), report, args.output);
  else io.stdout(report);
  return exitCode(result.findings, failOn);
}

export function exitCode(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === "none") return EXIT.ok;
  const threshold = severityRank(failOn);
  return findings.some((finding) => severityRank(finding.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}
