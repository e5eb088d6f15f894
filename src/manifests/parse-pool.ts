import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ParsedFile, parseManifestText } from "./parse.js";
import { fromPortable, type PortableFile } from "./portable.js";
import type { LoadProblem } from "./resource.js";

/**
 * Parsing on worker threads, for large inputs: lexing, composing and converting YAML is most of a
 * large run, and files are independent. Results are the very ones the main thread would have made
 * (test/manifests/parse-pool.test.ts compares whole reports), in input order.
 *
 * A run starts the threads once it has read POOL_THRESHOLD bytes, so a small one never pays their
 * start-up; from then on the main thread parses its share of the files too (N threads parse: the main
 * thread and N - 1 workers). PLUMBLINE_PARSE_THREADS sets N: a number (1: the main thread alone), or
 * `auto`, one per core up to MAX_THREADS, which the CLI sets unless the user did (src/cli/bin.ts). Unset,
 * the main thread parses alone: the bot serves several pull requests at once on a fraction of a core,
 * where threads would only add memory. Where the worker script is not beside this module (the Action's
 * single-file bundle, the sources under test) everything is parsed on the main thread.
 */

export interface ParseJob {
  readonly id: number;
  readonly text: string;
  readonly file: string;
  readonly scope: string;
}

/** `here`: the thread could not send this file as plain data; the main thread parses it. */
export type ParseReply = { readonly id: number; readonly portable: PortableFile } | { readonly id: number; readonly here: true };

/** Bytes read on the main thread before the threads start: about a quarter of a second of parsing. */
export const POOL_THRESHOLD = 512 * 1024;
const MAX_THREADS = 4;

/** How many threads parse, from PLUMBLINE_PARSE_THREADS: a number, `auto` (the cores, up to 4), else 1. */
export function parseThreads(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.PLUMBLINE_PARSE_THREADS?.trim();
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  return configured === "auto" ? Math.min(availableParallelism(), MAX_THREADS) : 1;
}

/** The worker script beside this module, when it was built (tsc's build/, the CLI bundle's chunks/). */
function workerScript(): URL | undefined {
  try {
    const url = new URL("./parse-worker.js", import.meta.url);
    return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

export interface ParsedInput {
  readonly file: string;
  readonly parsed: ParsedFile;
}

/** One load's files, parsed in the order they are added, on threads once the input proves large. */
export class FileParsing {
  private readonly slots: (ParsedInput | Promise<ParsedInput>)[] = [];
  private bytes = 0;
  private pool: ParsePool | undefined;
  private started = false;
  /** bytes since the pool started, parsed here and sent to the workers: the main thread takes its share */
  private here = 0;
  private sent = 0;

  constructor(
    private readonly scope: string,
    private readonly threads = parseThreads(),
  ) {}

  /** A file that could not be read: its problem keeps its place among the parsed files. */
  problem(problem: LoadProblem): void {
    this.slots.push({ file: problem.file, parsed: { resources: [], problems: [problem] } });
  }

  parse(text: string, file: string): void {
    this.bytes += text.length;
    const pool = this.poolOnceLarge();
    // `!!binary` becomes a Buffer, which a thread would post as a bare Uint8Array
    if (pool && !text.includes("binary") && this.sent <= this.here * pool.size) {
      this.sent += text.length;
      this.slots.push(pool.parse(text, file, this.scope).then((parsed) => ({ file, parsed })));
    } else {
      if (pool) this.here += text.length;
      this.slots.push({ file, parsed: parseManifestText(text, file, this.scope) });
    }
  }

  /** Every file's result, in the order added; the threads are stopped. */
  async results(): Promise<ParsedInput[]> {
    try {
      return await Promise.all(this.slots);
    } finally {
      await this.pool?.close();
    }
  }

  private poolOnceLarge(): ParsePool | undefined {
    if (!this.started && this.threads >= 2 && this.bytes >= POOL_THRESHOLD) {
      this.started = true;
      const script = workerScript();
      // the main thread is one of the threads that parse: between files it would only wait
      if (script) this.pool = new ParsePool(script, this.threads - 1);
    }
    return this.pool;
  }
}

interface Pending {
  readonly job: ParseJob;
  readonly resolve: (parsed: ParsedFile) => void;
  readonly reject: (error: unknown) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** bytes sent and not answered yet: the next file goes to the least loaded thread */
  load: number;
  alive: boolean;
}

class ParsePool {
  private readonly threads: Thread[] = [];
  private nextId = 0;

  get size(): number {
    return this.threads.length;
  }

  constructor(script: URL, size: number) {
    for (let i = 0; i < size; i++) this.threads.push(this.spawn(script));
  }

  parse(text: string, file: string, scope: string): Promise<ParsedFile> {
    const live = this.threads.filter((thread) => thread.alive);
    if (live.length === 0) return Promise.resolve(parseManifestText(text, file, scope));
    const thread = live.reduce((a, b) => (b.load < a.load ? b : a));
    const job: ParseJob = { id: this.nextId++, text, file, scope };
    return new Promise((resolve, reject) => {
      // a thread keeps the process alive only while it owes results (see spawn)
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(job.id, { job, resolve, reject });
      thread.load += text.length;
      thread.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(script: URL): Thread {
    const worker = new Worker(script);
    // idle threads never hold the process open: if a load fails before `close`, the CLI still exits
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), load: 0, alive: true };
    worker.on("message", (reply: ParseReply) => {
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      thread.load -= pending.job.text.length;
      settle(pending, () => ("portable" in reply ? fromPortable(reply.portable) : parseHere(pending.job)));
    });
    // a thread that dies (out of memory, a bug) leaves its files to the main thread: same results
    const lost = () => {
      thread.alive = false;
      for (const pending of thread.pending.values()) settle(pending, () => parseHere(pending.job));
      thread.pending.clear();
    };
    worker.on("error", lost);
    worker.on("exit", lost);
    return thread;
  }
}

/** An error parsing on the main thread rejects that file's promise, as it would have thrown in a load without threads. */
function settle(pending: Pending, parse: () => ParsedFile): void {
  try {
    pending.resolve(parse());
  } catch (error) {
    pending.reject(error);
  }
}

function parseHere({ text, file, scope }: ParseJob): ParsedFile {
  return parseManifestText(text, file, scope);
}
