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

// loaded on demand: `plumbline --version` and `--help` evaluate none of the core
const COMMANDS: Record<string, Command> = {
  check: async (argv, io) => (await import("./check-command.js")).checkCommand(argv, io),
  drift: async (argv, io) => (await import("./drift-command.js")).driftCommand(argv, io),
};

/** Runs the CLI and returns the exit code; input problems print one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(HELP);
    return EXIT.error;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  // own keys only: `plumbline constructor` is an unknown command, not Object's constructor
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`plumbline: unknown command "${name}"\n\n${HELP}`);
    return EXIT.error;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return await reportError(error, io, name);
  }
}

/** One line on stderr and exit 2: a stack trace only when PLUMBLINE_DEBUG asks for one. */
async function reportError(error: unknown, io: CliIo, command: string): Promise<number> {
  // the command that threw has loaded these already: importing them here costs nothing
  const [{ ConfigError }, { InputError }, { OutputError }] = await Promise.all([
    import("../config/errors.js"),
    import("../manifests/inputs.js"),
    import("./write-output.js"),
  ]);
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (error instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
    io.stderr(`plumbline: ${message}\nRun "plumbline ${command} --help" for the options.\n`);
  } else if (error instanceof ConfigError || error instanceof InputError || error instanceof OutputError) {
    io.stderr(`plumbline: ${message}\n`);
  } else {
    const detail = io.env.PLUMBLINE_DEBUG && error instanceof Error ? (error.stack ?? message) : message;
    io.stderr(`plumbline: internal error: ${detail}\n(set PLUMBLINE_DEBUG=1 for details, and please report it)\n`);
  }
  return EXIT.error;
}
