import { text } from "node:stream/consumers";

/** What a command needs from the process, so tests can run commands without spawning one. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly readStdin: () => Promise<string>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
    stdoutIsTty: process.stdout.isTTY === true,
    readStdin: () => text(process.stdin),
  };
}

/** NO_COLOR and FORCE_COLOR win over the terminal check, as https://no-color.org asks. */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return io.stdoutIsTty;
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
