import type { Summary } from "../../check.js";
import type { Finding } from "../../findings/finding.js";
import type { ConfigChange, GateConfig } from "../analyse/gate-config.js";
import type { Classified } from "../compare/classify.js";
import type { FailOn } from "../gate/verdict.js";
import type { ReviewLinks } from "./links.js";

/** Everything the pull request report shows: decided before rendering, plain data. */
export interface PullRequestReport {
  readonly links: ReviewLinks;
  readonly baseSha: string;
  readonly headSha: string;
  readonly head: Summary;
  /** undefined when the base revision could not be read */
  readonly base: Summary | undefined;
  readonly classified: Classified;
  readonly onlyNew: boolean;
  readonly failOn: FailOn;
  /** the findings that fail the gate */
  readonly failing: readonly Finding[];
  readonly changedFiles: ReadonlySet<string>;
  /** fingerprints with an inline review comment, from this run or an earlier one */
  readonly inline: ReadonlySet<string>;
  /** fingerprints of findings on lines the diff does not show */
  readonly outsideDiff: ReadonlySet<string>;
  /** fingerprints past the cap on inline comments */
  readonly overflow?: ReadonlySet<string>;
  /** that cap, for saying so */
  readonly inlineCap?: number;
  /** the pull request changes the configuration file: it does not judge itself */
  readonly configChange?: ConfigChange | undefined;
  /** `defaults`: the base revision could not be read, so neither could its configuration */
  readonly configSource?: GateConfig["source"];
}
