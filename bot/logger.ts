/**
 * pino JSON logs. Log lines carry repository, cluster and counts; never a request body, a token or
 * a value from a Secret. Redaction is the second line of defence for the first two.
 */

import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

const REDACT = [
  "privateKey",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "request.headers.authorization",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "plumbline-bot" },
      redact: { paths: REDACT, censor: "[redacted]" },
      // pino's default error serializer copies every own property: an error from @octokit/webhooks
      // carries the whole delivery (`event.payload`), one from @octokit/request its request and
      // response. Probot logs handler errors with `log.error(error)`, so the `err` key gets ours.
      serializers: { err: errorSerializer },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Addresses in a message: an API server's URL is the operator's, and no log line carries one. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** An error as a log field: name, message and code, never a response body or a URL. */
export function errorFields(error: unknown): { name: string; message: string; code?: string; status?: number } {
  if (!(error instanceof Error)) return { name: "Error", message: withoutUrls(String(error)) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: withoutUrls(error.message.split("\n")[0] ?? error.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof status === "number" ? { status } : {}),
  };
}

/** Name, message and code of an error, and of each error an AggregateError (Probot's handlers) holds. */
export function errorSerializer(error: unknown): ReturnType<typeof errorFields> & { errors?: ReturnType<typeof errorFields>[] } {
  const fields = errorFields(error);
  if (!(error instanceof AggregateError)) return fields;
  return { ...fields, errors: error.errors.slice(0, 10).map(errorFields) };
}

export function withoutUrls(text: string): string {
  return text.replace(URL_IN_TEXT, "(a URL)");
}
