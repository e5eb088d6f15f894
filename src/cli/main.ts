import { closest, optionsIn } from "./did-you-mean.js";
import { type CliIo, EXIT } from "./io.js";
import { UsageError } from "./usage.js";
import { VERSION } from "./version.js";

const HELP = `Usage: plumbline <command> [options]

Commands:
  check [paths...]   check manifests for production readiness
  drift              compare a live cluster with the manifests in Git
  help [command]     show this help, or a command's options

Options:
  -h, --help         show this help
  -v, --version      print the version

Run "plumbline <command> --help" (or "plumbline help <command>") for a command's options.
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
  if (name === "help" && rest[0] !== undefined) {
    // `plumbline help check` is `plumbline check --help`
    if (Object.hasOwn(COMMANDS, rest[0])) return main([rest[0], "--help"], io);
    io.stderr(unknownCommand(rest[0]));
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
    io.stderr(unknownCommand(name));
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
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    io.stderr(`plumbline: ${await unknownOption(message, command)}\nRun "plumbline ${command} --help" for the options.\n`);
  } else if (error instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
    io.stderr(`plumbline: ${message}\nRun "plumbline ${command} --help" for the options.\n`);
  } else if (error instanceof ConfigError || error instanceof InputError || error instanceof OutputError) {
    io.stderr(`plumbline: ${message}\n`);
  } else {
    const detail = io.env.PLUMBLINE_DEBUG && error instanceof Error ? (error.stack ?? message) : message;
    io.stderr(`plumbline: internal error: ${detail}\n(set PLUMBLINE_DEBUG=1 for details, and please report it)\n`);
  }
  return EXIT.error;
}

function unknownCommand(name: string): string {
  const guess = closest(name, Object.keys(COMMANDS));
  return `plumbline: unknown command "${printable(name)}"${guess ? ` (did you mean "${guess}"?)` : ""}\n\n${HELP}`;
}

/** util.parseArgs' "Unknown option '--formt'. To specify ..." as one line with the nearest option. */
async function unknownOption(message: string, command: string): Promise<string> {
  const option = /Unknown option '([^']*)'/.exec(message)?.[1];
  if (option === undefined) return message;
  // the command that threw has loaded its help already
  const help =
    command === "drift" ? (await import("./drift-command.js")).DRIFT_HELP : (await import("./check-args.js")).CHECK_HELP;
  const guess = option.startsWith("--") ? closest(option, optionsIn(help)) : undefined;
  return `unknown option ${printable(option)}${guess ? ` (did you mean ${guess}?)` : ""}`;
}

/** Control characters of an argument are shown, not sent to the terminal. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
