import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { check } from "../check.js";
import { loadConfig } from "../config/load.js";
import { SEVERITIES, type Severity, severityRank } from "../findings/finding.js";
import { parseKubeVersion } from "../k8s/versions.js";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../report/render.js";
import { type CliIo, EXIT, useColor } from "./io.js";
import { UsageError } from "./usage.js";

export const CHECK_HELP = `Usage: plumbline check [paths...] [options]

Checks Kubernetes manifests (files, directories, globs, or - for stdin) for production readiness.

Options:
  -f, --format <text|json|sarif|markdown>  output format (default: text)
  -o, --output <file>                      write the report to a file instead of stdout
      --fail-on <error|warning|info|none>  exit 1 when a finding is at or above this (default: error)
  -c, --config <file>                      configuration file (default: .github/plumbline.yml)
      --kubernetes-version <X.Y>           target Kubernetes version for API checks
      --max-file-size <bytes>              skip larger files (default: 10485760)
      --no-color                           never colour the text report
  -h, --help                               show this help
`;

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f", default: "text" },
      output: { type: "string", short: "o" },
      "fail-on": { type: "string" },
      config: { type: "string", short: "c" },
      "kubernetes-version": { type: "string" },
      "max-file-size": { type: "string" },
      "no-color": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}`);
  const version = values["kubernetes-version"];
  if (version !== undefined && !parseKubeVersion(version))
    throw new UsageError(`--kubernetes-version must look like 1.31, not "${version}"`);
  const maxFileSize = values["max-file-size"] === undefined ? undefined : Number(values["max-file-size"]);
  if (maxFileSize !== undefined && !(Number.isInteger(maxFileSize) && maxFileSize > 0))
    throw new UsageError("--max-file-size must be a positive number of bytes");

  const { config, root } = await loadConfig(values.config, io.cwd);
  const failOn = parseFailOn(values["fail-on"] ?? config.failOn ?? "error");
  const result = await check(positionals.length > 0 ? positionals : ["."], {
    cwd: io.cwd,
    root,
    config,
    readStdin: io.readStdin,
    ...(version ? { kubernetesVersion: version.replace(/^v/, "") } : {}),
    ...(maxFileSize ? { maxFileSize } : {}),
  });
  const report = renderReport(format, result, { color: !values["no-color"] && !values.output && useColor(io) });
  if (values.output) await writeFile(path.resolve(io.cwd, values.output), report);
  else io.stdout(report);

  if (failOn === "none") return EXIT.ok;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT.findings : EXIT.ok;
}

function parseFailOn(value: string): Severity | "none" {
  if (value === "none" || SEVERITIES.includes(value as Severity)) return value as Severity | "none";
  throw new UsageError(`--fail-on must be one of error, warning, info, none`);
}
