import { type CelValue, celList, celMap } from "@bufbuild/cel";
import { expect as expectKind, func, methods, opaque, str } from "./opaque.js";

/**
 * The Kubernetes URL library: `url(s)` and `isURL(s)` accept an absolute URI or an absolute path (Go's
 * url.ParseRequestURI); getScheme, getHost, getHostname, getPort, getEscapedPath, getQuery read its
 * parts as Go's net/url gives them (RFC 3986's split, not the browser's URL, which drops default ports).
 */
const PARTS = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

interface Url {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly query: string | undefined;
}

function parseUrl(text: string): Url | undefined {
  const match = PARTS.exec(text);
  // Go refuses ASCII control characters anywhere in a URL
  if (!match || [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  const [, scheme = "", host = "", path = "", query] = match;
  if (scheme === "" && !path.startsWith("/")) return undefined;
  if (scheme !== "" && host === "" && !path.startsWith("/") && path !== "") return undefined;
  if (!validHost(host)) return undefined;
  return { scheme, host, path, query };
}

/** user@host:port with a numeric port (or none); IPv6 in brackets. */
function validHost(authority: string): boolean {
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  if (host.startsWith("[")) return /^\[[0-9a-fA-F:.]+(%[^\]]+)?\](:\d*)?$/.test(host);
  return /^[^:]*(:\d*)?$/.test(host);
}

function hostOf(url: Url): string {
  return url.host.slice(url.host.lastIndexOf("@") + 1);
}

function hostname(url: Url): string {
  const host = hostOf(url);
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

function port(url: Url): string {
  const host = hostOf(url);
  const afterBracket = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host;
  const colon = afterBracket.lastIndexOf(":");
  return colon === -1 ? "" : afterBracket.slice(colon + 1);
}

/** Go's EscapedPath: the path with what must be escaped escaped, existing escapes kept. */
function escapedPath(path: string): string {
  return path.replace(/%(?![0-9a-fA-F]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));
}

function query(url: Url): CelValue {
  const result = new Map<string, string[]>();
  if (url.query) {
    for (const [key, value] of new URLSearchParams(url.query)) result.set(key, [...(result.get(key) ?? []), value]);
  }
  return celMap(new Map([...result].map(([key, values]) => [key, celList(values)])));
}

/** Go's url.ParseRequestURI accepts it: an absolute URI or an absolute path. */
export function isUrl(text: string): boolean {
  return parseUrl(text) !== undefined;
}

const read = (value: CelValue, name: string): Url => {
  const url = parseUrl(String(expectKind(value, "URL", name)));
  if (!url) throw new Error("invalid URL");
  return url;
};

export const URL_FUNCS = [
  func("url", 1, (text) => {
    const raw = str(text, "url");
    if (!parseUrl(raw)) throw new Error(`URL parse error during conversion from string: ${raw}`);
    return opaque("URL", raw);
  }),
  func("isURL", 1, (text) => parseUrl(str(text, "isURL")) !== undefined),
  methods("getScheme", 0, { URL: (u) => read(u, "getScheme").scheme }),
  methods("getHost", 0, { URL: (u) => hostOf(read(u, "getHost")) }),
  methods("getHostname", 0, { URL: (u) => hostname(read(u, "getHostname")) }),
  methods("getPort", 0, { URL: (u) => port(read(u, "getPort")) }),
  methods("getEscapedPath", 0, { URL: (u) => escapedPath(read(u, "getEscapedPath").path) }),
  methods("getQuery", 0, { URL: (u) => query(read(u, "getQuery")) }),
];
