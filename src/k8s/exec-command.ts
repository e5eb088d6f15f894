/**
 * What an exec probe's command connects to. Reads the argv, or the script of `sh -c`, the way a shell
 * splits it, then the arguments of the network clients people put in probes: curl, wget, nc,
 * pg_isready, mysqladmin, redis-cli, grpc_health_probe and the like. A command it cannot read (a script
 * file, an unknown tool) reaches nothing as far as it can tell.
 */

export interface Connection {
  /** the host as written: `postgres`, `$(DB_HOST)`, `localhost` */
  readonly host: string;
  /** the URL path, when the connection is a URL */
  readonly path?: string;
  /** how the command reaches it, for messages: `pg_isready -h postgres`, `http://db:8080/health` */
  readonly via: string;
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"]);

/** Words that run the next word as the command. */
const WRAPPERS = new Set([
  "exec",
  "timeout",
  "env",
  "nice",
  "nohup",
  "command",
  "time",
  "!",
  "if",
  "then",
  "do",
  "while",
  "until",
  "else",
]);

/** Clients that take the server as `-h host` / `--host host` / `--host=host`; without it they use the local socket. */
const HOST_FLAG_CLIENTS = new Set([
  "pg_isready",
  "psql",
  "mysqladmin",
  "mysql",
  "mariadb",
  "mariadb-admin",
  "redis-cli",
  "valkey-cli",
  "mongo",
  "mongosh",
  "clickhouse-client",
]);

const HTTP_CLIENTS = new Set(["curl", "wget", "http", "https", "xh"]);

const NETCAT = new Set(["nc", "ncat", "netcat"]);

/** netcat options that take a value: `-w 3`, `-p 1234`, `-s addr`. */
const NETCAT_VALUE_FLAGS = new Set(["w", "W", "i", "p", "s", "q", "x", "X", "T", "O", "I", "e", "c", "g", "G"]);

/** `scheme://host[:port][/path]`; files and sockets are local by nature. */
const URL = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s'"]*@)?(\[[^\]\s]*\]|[^/\s:'"?#,;]*)(?::\d+)?([^\s'"?#;]*)/gi;

/** `host:port[/path]` without a scheme, as curl and wget accept it. */
const HOST_PORT = /^([A-Za-z0-9$({_][A-Za-z0-9$(){}_.-]*):(\d+)(\/\S*)?$/;

export function connectionsOf(command: readonly unknown[]): Connection[] {
  const argv = command.filter((word): word is string => typeof word === "string");
  const script = shellScript(argv);
  const segments = script === undefined ? [argv] : splitShell(script);
  const found: Connection[] = [];
  for (const words of segments) found.push(...clientConnections(words));
  found.push(...urlConnections(script ?? argv.join(" ")));
  return unique(found);
}

/** The script of `sh -c '…'` (also `-ec`, `-xc`), or undefined when the argv is a program and its arguments. */
function shellScript(argv: readonly string[]): string | undefined {
  if (!SHELLS.has(basename(argv[0] ?? ""))) return undefined;
  const at = argv.findIndex((word, index) => index > 0 && /^-[a-z]*c[a-z]*$/.test(word));
  return at === -1 ? undefined : argv[at + 1];
}

/** Words of each simple command in a script: quotes removed, `$(…)` kept whole, split at ; & | and newlines. */
export function splitShell(script: string): string[][] {
  const segments: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endSegment = () => {
    endWord();
    if (words.length > 0) segments.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const end = close === -1 ? script.length : close;
      word = (word ?? "") + script.slice(i + 1, end);
      i = end;
    } else if (c === "\\") {
      word = (word ?? "") + (script[i + 1] ?? "");
      i++;
    } else if (c === "$" && script[i + 1] === "(") {
      const end = matchingParen(script, i + 1);
      word = (word ?? "") + script.slice(i, end + 1);
      i = end;
    } else if (c === "`") {
      const close = script.indexOf("`", i + 1);
      const end = close === -1 ? script.length : close;
      word = (word ?? "") + script.slice(i, end + 1);
      i = end;
    } else if (";&|\n()".includes(c)) {
      endSegment();
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word = (word ?? "") + c;
    }
  }
  endSegment();
  return segments;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return text.length;
}

/** The program of a simple command and its arguments, past assignments and wrappers like `timeout 5`. */
function programOf(words: readonly string[]): { program: string; args: string[] } | undefined {
  let i = 0;
  while (i < words.length) {
    const word = words[i] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) i++;
    else if (WRAPPERS.has(basename(word))) {
      i++;
      // the wrapper's own options and durations: `timeout -s KILL 5`, `nice -n 10`
      while (i < words.length && /^(-\S*|\d+(\.\d+)?[smhd]?|KILL|TERM)$/.test(words[i] as string)) i++;
    } else break;
  }
  const program = words[i];
  return program === undefined ? undefined : { program: basename(program), args: words.slice(i + 1) };
}

function clientConnections(words: readonly string[]): Connection[] {
  const command = programOf(words);
  if (!command) return [];
  const { program, args } = command;
  if (HOST_FLAG_CLIENTS.has(program)) return hostFlag(program, args);
  if (NETCAT.has(program)) return netcatHost(program, args);
  if (program === "grpc_health_probe") return grpcAddr(args);
  if (HTTP_CLIENTS.has(program)) {
    // URLs with a scheme are found by the URL scan; here only curl's and wget's `host:port/path`
    return args.flatMap((arg) => {
      const match = HOST_PORT.exec(arg);
      return match ? [{ host: match[1] as string, path: match[3] ?? "/", via: `${program} ${arg}` }] : [];
    });
  }
  return [];
}

function hostFlag(program: string, args: readonly string[]): Connection[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if ((arg === "-h" || arg === "--host" || arg === "--hostname") && next !== undefined) {
      return [{ host: next, via: `${program} ${arg} ${next}` }];
    }
    if (arg.startsWith("--host=") || arg.startsWith("--hostname=")) {
      return [{ host: arg.slice(arg.indexOf("=") + 1), via: `${program} ${arg}` }];
    }
    // mysql and mysqladmin also take the host glued on: -hdb
    if (/^-h\S/.test(arg) && program.startsWith("m")) return [{ host: arg.slice(2), via: `${program} ${arg}` }];
  }
  return [];
}

function netcatHost(program: string, args: readonly string[]): Connection[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith("-")) {
      // `-w 3`: a value flag last in its cluster takes the next word
      if (arg.length >= 2 && NETCAT_VALUE_FLAGS.has(arg.slice(-1)) && !/\d/.test(arg)) i++;
      continue;
    }
    return [{ host: arg, via: `${program} ${arg}` }];
  }
  return [];
}

function grpcAddr(args: readonly string[]): Connection[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = /^--?addr=/.test(arg) ? arg.slice(arg.indexOf("=") + 1) : /^--?addr$/.test(arg) ? args[i + 1] : undefined;
    if (value !== undefined) {
      const colon = value.lastIndexOf(":");
      const host = colon === -1 ? value : value.slice(0, colon);
      return [{ host, via: `grpc_health_probe -addr=${value}` }];
    }
  }
  return [];
}

function urlConnections(text: string): Connection[] {
  return [...text.matchAll(URL)].flatMap((match) => {
    const scheme = (match[1] as string).toLowerCase();
    if (scheme === "file" || scheme === "unix") return [];
    return [{ host: match[2] as string, path: match[3] || "/", via: match[0] }];
  });
}

function unique(connections: readonly Connection[]): Connection[] {
  const seen = new Set<string>();
  return connections.filter((c) => {
    const key = `${c.host}\u0000${c.path ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}
