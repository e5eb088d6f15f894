import type { CliIo } from "./io.js";

/**
 * One line on stderr that says what a long run is doing (drift reading a cluster kind by kind),
 * rewritten in place and cleared at the end. Only on a terminal: a pipe, a file or CI logs get
 * nothing, since a line rewritten with `\r` is noise there. The report on stdout is never touched.
 *
 * Wiring, for a command that reads a cluster:
 *   const progress = progressReporter(io, "reading the cluster");
 *   live: { ..., onRequest: progress.onRequest }   // LiveReadOptions' hook, one call per HTTP attempt
 *   ... progress.done() when the reading is over (also on error).
 */
export interface ProgressReporter {
  /** one step done; `detail` names it (a kind, a request path) */
  readonly step: (detail: string) => void;
  /** LiveReadOptions.onRequest: each list request is a step, named by its resource */
  readonly onRequest: (event: { readonly path: string }) => void;
  /** clears the line; later steps print nothing */
  readonly done: () => void;
}

/** Fewer redraws than this apart are skipped: a fast cluster should not flood the terminal. */
const REDRAW_MS = 80;

export function progressReporter(io: CliIo, label: string, now: () => number = Date.now): ProgressReporter {
  const silent = !io.stderrIsTty || Boolean(io.env.CI) || io.env.TERM === "dumb";
  let steps = 0;
  let drawn = false;
  let finished = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const width = Math.max(20, (io.columns ?? 80) - 1);
  const step = (detail: string) => {
    steps++;
    if (silent || finished) return;
    const time = now();
    if (time - lastDraw < REDRAW_MS) return;
    lastDraw = time;
    // control characters from a server path must not reach the terminal
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    const clean = detail.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
    const text = `plumbline: ${label}: ${steps} … ${clean}`;
    io.stderr(`\r${text.length > width ? `${text.slice(0, width - 1)}…` : text}\u001b[K`);
    drawn = true;
  };
  return {
    step,
    onRequest: (event) => step(resourceOf(event.path)),
    done: () => {
      if (drawn && !finished) io.stderr("\r\u001b[K");
      finished = true;
    },
  };
}

/** `/apis/apps/v1/namespaces/shop/deployments?limit=500` → `apps/v1 deployments (shop)`. */
function resourceOf(requestPath: string): string {
  const [pathOnly = ""] = requestPath.split("?");
  const parts = pathOnly.split("/").filter(Boolean);
  const group = parts[0] === "apis" ? `${parts[1]}/${parts[2]}` : parts[1];
  const rest = parts.slice(parts[0] === "apis" ? 3 : 2);
  const namespace = rest[0] === "namespaces" && rest.length > 2 ? rest[1] : undefined;
  const resource = rest.at(-1) ?? "";
  return `${group ?? ""} ${resource}${namespace ? ` (${namespace})` : ""}`.trim();
}
