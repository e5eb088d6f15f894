import { ConfigError } from "../config/load.js";
import { InputError } from "../manifests/inputs.js";
import { CHECK_HELP, checkCommand } from "./check-command.js";
import { type CliIo, EXIT } from "./io.js";
import { UsageError } from "./usage.js";
import { VERSION } from "./version.js";

const HELP = `Usage: plumbline <command> [options]

Commands:
  check [paths...]   check manifests for production readiness
  drift              compare a live cluster with the manifests in Git

Run "plumbline <command> --help" for a command's options.
Exit codes: 0 nothing to report, 1 findings (or drift), 2 usage or internal error.
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = { check: checkCommand };

/** Runs the CLI and returns the exit code; input problems print one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(HELP);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`plumbline: unknown command "${name}"\n\n${HELP}`);
    return EXIT.error;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io, name === "check" ? CHECK_HELP : HELP);
  }
}

function reportError(error: unknown, io: CliIo, help: string): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    io.stderr(`plumbline: ${(error as Error).message}\n\n${help}`);
  } else if (error instanceof ConfigError || error instanceof InputError) {
    io.stderr(`plumbline: ${error.message}\n`);
  } else {
    const detail = io.env.PLUMBLINE_DEBUG ? String((error as Error).stack ?? error) : String((error as Error).message ?? error);
    io.stderr(`plumbline: internal error: ${detail}\n(set PLUMBLINE_DEBUG=1 for details, and please report it)\n`);
  }
  return EXIT.error;
}
