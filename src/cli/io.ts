import { text } from "node:stream/consumers";

/** What a command needs from the process, so tests can run commands without spawning one. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTty: boolean;
  /** stderr is a terminal: progress lines go there only then */
  readonly stderrIsTty?: boolean;
  /** the terminal's width, when stdout is one */
  readonly columns?: number;
  readonly readStdin: () => Promise<string>;
}

export function processIo(): CliIo {
  // `plumbline check | head` closes the pipe early: that is the reader's choice, not a crash
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`plumbline: cannot write to stdout (${error.code ?? error.message})\n`);
    process.exit(2);
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    readStdin: () => text(process.stdin),
  };
}

/**
 * Colour on a terminal, unless NO_COLOR (https://no-color.org) is set or TERM is dumb;
 * FORCE_COLOR (set, other than 0/false) turns it on for pipes, e.g. CI logs. NO_COLOR wins both.
 */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force) return force !== "0" && force.toLowerCase() !== "false";
  if (io.env.TERM === "dumb") return false;
  return io.stdoutIsTty;
}

/**
 * The width to lay text out for: COLUMNS when set (the shell's, or a test's), else the terminal's;
 * undefined when writing to a pipe or file, where lines stay whole for grep.
 */
export function terminalColumns(io: CliIo): number | undefined {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(40, fromEnv);
  return io.stdoutIsTty && io.columns ? Math.max(40, io.columns) : undefined;
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
