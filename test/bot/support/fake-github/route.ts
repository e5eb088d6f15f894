import type { FakeRepo, FakeUser } from "./repo.js";

export interface RouteContext {
  readonly repo: FakeRepo;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly body: Record<string, unknown>;
  /** who the request's token belongs to */
  readonly caller: FakeUser;
  readonly baseUrl: string;
}

export type Reply = [status: number, data: unknown, headers?: Record<string, string>];

export type Route = (context: RouteContext) => Reply;

export const NOT_FOUND: Reply = [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];

export function unprocessable(message: string): Reply {
  return [
    422,
    {
      message: "Validation Failed",
      errors: [{ resource: "Issue", code: "custom", message }],
      documentation_url: "https://docs.github.com/rest",
    },
  ];
}
