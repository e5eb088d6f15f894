import { pathToFileURL } from "node:url";
import type { EditTarget } from "../edit/index.js";
import type { Finding } from "../findings/finding.js";
import { ALL_RULES } from "../rules/registry.js";
import { artifactUri } from "./artifact-uri.js";
import { artifactLocation, SRCROOT, sarifResult } from "./sarif-results.js";
import { configuredRules, ruleDescriptor, type SarifRule } from "./sarif-rules.js";
import { SourceView } from "./sarif-source.js";
import { TOOL } from "./tool.js";

export { FINGERPRINT_KEY, LINE_HASH_KEY, SRCROOT } from "./sarif-results.js";
export type { SarifRule } from "./sarif-rules.js";

/** The files the findings are in, as the run read them: for line hashes, regions' ends and fixes. */
export interface SarifSources {
  /** the file's text, or undefined when it cannot be had (binary, gone, too large) */
  readonly text: (file: string) => string | undefined;
  /** the object a finding's fix edits, when its file holds it as written (never a rendering) */
  readonly target?: (finding: Finding) => EditTarget | undefined;
}

/** Something about the run rather than the manifests (a missing kubectl): a notification, never an alert. */
export interface SarifNotification {
  readonly level: "error" | "warning" | "note";
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

export interface SarifOptions {
  /** every rule the run could report, in a fixed order: `ruleIndex` points into it */
  readonly rules?: readonly SarifRule[];
  /** the tool version to claim; the package version unless a door knows better */
  readonly version?: string;
  /** turns a finding's file into the URI GitHub resolves against the repository root */
  readonly uriFor?: (file: string) => string;
  readonly sources?: SarifSources;
  /** findings an annotation waives, with it: shown as suppressed results */
  readonly suppressed?: readonly { readonly finding: Finding; readonly annotation: string }[];
  readonly notifications?: readonly SarifNotification[];
  /** code scanning's category (`automationDetails.id`): tells apart several analyses of one repository */
  readonly category?: string;
  /** absolute path of the repository root, what `%SRCROOT%` stands for */
  readonly root?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and any other consumer.
 * What GitHub reads is filled in (docs/sarif.md); `results` is present even when empty, since an
 * empty run is how code scanning learns that earlier alerts are fixed.
 */
export function renderSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  const known = options.rules ?? ALL_RULES;
  const suppressed = options.suppressed ?? [];
  const rules = [...known, ...configuredRules([...findings, ...suppressed.map((s) => s.finding)], known)];
  const uriFor = options.uriFor ?? artifactUri;
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const views = new Map<string, SourceView | undefined>();
  const viewOf = (file: string) => {
    if (!views.has(file)) {
      const text = options.sources?.text(file);
      views.set(file, text === undefined ? undefined : new SourceView(text));
    }
    return views.get(file);
  };
  const result = (finding: Finding, suppressedBy?: string) =>
    sarifResult(finding, {
      ruleIndex: indexOf.get(finding.rule),
      uri: uriFor(finding.file),
      ...(finding.valueSource ? { valuesUri: uriFor(finding.valueSource.file) } : {}),
      source: viewOf(finding.file),
      target: options.sources?.target?.(finding),
      ...(suppressedBy !== undefined ? { suppressedBy } : {}),
    });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: options.version ?? TOOL.version,
            informationUri: TOOL.informationUri,
            rules: rules.map(ruleDescriptor),
          },
        },
        // "" is no category: what an unset Action input gives
        ...(options.category?.trim() ? { automationDetails: { id: automationId(options.category) } } : {}),
        invocations: [invocation(options.notifications ?? [], uriFor)],
        originalUriBaseIds: {
          [SRCROOT]: options.root
            ? { uri: directoryUri(options.root) }
            : { description: { text: "The root of the repository checked" } },
        },
        columnKind: "utf16CodeUnits",
        results: [
          ...findings.map((finding) => result(finding)),
          ...suppressed.map(({ finding, annotation }) => result(finding, annotation)),
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The category is everything up to the last `/`, so one given without it gets one (as upload-sarif does). */
export function automationId(category: string): string {
  return category.endsWith("/") ? category : `${category}/`;
}

function invocation(notifications: readonly SarifNotification[], uriFor: (file: string) => string) {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: notifications.map((notification) => ({
      level: notification.level,
      message: { text: notification.message },
      ...(notification.file !== undefined
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(uriFor(notification.file)),
                  region: { startLine: Math.max(1, notification.line ?? 1) },
                },
              },
            ],
          }
        : {}),
    })),
  };
}

function directoryUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith("/") ? href : `${href}/`;
}
