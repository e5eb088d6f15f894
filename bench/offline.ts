/**
 * Makes "no network" checkable rather than assumed: any `fetch` a tool attempts is refused at once and
 * recorded, so the report can say how many were tried (a peer plugin that needs the network would
 * otherwise fail silently, or wait on DNS, and skew the timings).
 */
export const networkAttempts: string[] = [];

export function refuseNetwork(): void {
  globalThis.fetch = async (input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    networkAttempts.push(url);
    throw new TypeError(`bench is offline: refused ${url}`);
  };
}
