import { parseArgs } from "node:util";
import { SEVERITIES, type Severity } from "../findings/finding.js";
import { formatVersion, parseKubeVersion } from "../k8s/versions.js";
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from "../report/formats.js";
import { UsageError } from "./usage.js";

export const CHECK_HELP = `Usage: plumbline check [paths...] [options]

Checks Kubernetes manifests (files, directories, globs, or - for stdin) for production readiness.
Without paths, checks the current directory.

Options:
  -f, --format <text|json|sarif|markdown>  output format (default: text)
  -o, --output <file>                      write the report to a file instead of stdout
      --fail-on <error|warning|info|none>  exit 1 when a finding is at or above this (default: error)
  -c, --config <file>                      configuration file (default: .github/plumbline.yml)
      --kubernetes-version <X.Y>           target Kubernetes version for API checks
      --max-file-size <bytes>              skip larger files (default: 10485760)
      --no-color                           never colour the text report
      --fix                                apply the safe fixes findings carry to the files, then report what is left
      --unsafe-fixes                       with --fix: apply unsafe fixes too (they can stop an image starting)
      --dry-run                            with --fix: print the fixes as a unified diff, write nothing
      --sarif-category <name>              with --format sarif: code scanning category (automationDetails.id),
                                           to tell apart several uploads for one repository
  -h, --help                               show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

export type FailOn = Severity | "none";

/** The command line of `plumbline check`, validated: anything wrong is a UsageError here, before any work. */
export interface CheckArgs {
  readonly help: boolean;
  readonly paths: readonly string[];
  readonly format: ReportFormat;
  /** undefined or `-`: stdout */
  readonly output?: string;
  /** undefined: the configuration's, else `error` */
  readonly failOn?: FailOn;
  readonly config?: string;
  readonly kubernetesVersion?: string;
  readonly maxFileSize?: number;
  readonly noColor: boolean;
  /** apply the findings' fixes to the files before reporting */
  readonly fix: boolean;
  /** with fix: print the diff instead of writing */
  readonly dryRun: boolean;
  /** with fix: make unsafe fixes too */
  readonly unsafeFixes: boolean;
  /** SARIF's automationDetails.id */
  readonly sarifCategory?: string;
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
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
      fix: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      "unsafe-fixes": { type: "boolean", default: false },
      "sarif-category": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const format = values.format.toLowerCase();
  if (!isReportFormat(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, not "${values.format}"`);
  if (values.output === "") throw new UsageError("--output needs a file name (or - for stdout)");
  if (values.config === "") throw new UsageError("--config needs a file name");
  const paths = positionals.length > 0 ? positionals : ["."];
  checkFixFlags(values.fix, values["dry-run"], format, paths);
  if (values["unsafe-fixes"] && !values.fix) throw new UsageError("--unsafe-fixes only goes with --fix");
  const sarifCategory = values["sarif-category"];
  if (sarifCategory !== undefined) checkSarifCategory(sarifCategory, format);
  return {
    help: values.help,
    paths,
    format,
    noColor: values["no-color"],
    fix: values.fix,
    dryRun: values["dry-run"],
    unsafeFixes: values["unsafe-fixes"],
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(sarifCategory !== undefined ? { sarifCategory } : {}),
    ...(values["fail-on"] !== undefined ? { failOn: parseFailOn(values["fail-on"]) } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values["kubernetes-version"] !== undefined ? { kubernetesVersion: parseVersionFlag(values["kubernetes-version"]) } : {}),
    ...(values["max-file-size"] !== undefined ? { maxFileSize: parseByteCount(values["max-file-size"]) } : {}),
  };
}

/** A dry run prints a diff in place of the report; what comes in on stdin has no file to fix in place. */
function checkFixFlags(fix: boolean, dryRun: boolean, format: ReportFormat, paths: readonly string[]): void {
  if (dryRun && !fix) throw new UsageError("--dry-run only goes with --fix");
  if (dryRun && format !== "text") throw new UsageError("--dry-run prints a diff instead of the report: leave out --format");
  if (fix && !dryRun && paths.includes("-")) {
    throw new UsageError("--fix cannot change what comes in on stdin: add --dry-run to print the diff instead");
  }
}

/** A category names an analysis in GitHub's UI: visible text, not empty, no control characters. */
function checkSarifCategory(category: string, format: ReportFormat): void {
  if (format !== "sarif") throw new UsageError("--sarif-category only goes with --format sarif");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (category.trim() === "" || /[\u0000-\u001f\u007f]/.test(category) || category.length > 256) {
    throw new UsageError(
      `--sarif-category must be a short name such as "plumbline/prod", not "${JSON.stringify(category).slice(1, -1)}"`,
    );
  }
}

export function parseFailOn(value: string): FailOn {
  if (value === "none" || (SEVERITIES as readonly string[]).includes(value)) return value as FailOn;
  throw new UsageError(`--fail-on must be one of error, warning, info, none, not "${value}"`);
}

/** `v1.31.2` and `1.31` both mean 1.31: the rules judge by minor version. */
function parseVersionFlag(value: string): string {
  const version = parseKubeVersion(value);
  if (!version) throw new UsageError(`--kubernetes-version must look like 1.31, not "${value}"`);
  return formatVersion(version);
}

function parseByteCount(value: string): number {
  const bytes = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UsageError(`--max-file-size must be a positive whole number of bytes, not "${value}"`);
  }
  return bytes;
}
