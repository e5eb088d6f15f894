/**
 * Creating something on GitHub exactly once. A POST that times out or answers 5xx may still have
 * happened; retrying it blindly is how bots post the same comment twice. So the create goes out
 * without Octokit's automatic retry (pass NO_RETRY in its request), and after a doubtful failure
 * the caller looks for what it meant to create before it tries again. A 422 ("already exists") is
 * answered the same way.
 */

import { statusOf } from "./client.js";

export { NO_RETRY } from "./client.js";

export interface CreateOnceOptions {
  readonly attempts?: number;
  readonly delayMs?: number;
}

export async function createOnce<T>(
  create: () => Promise<T>,
  findExisting: () => Promise<T | undefined>,
  options: CreateOnceOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      const status = statusOf(error);
      const doubtful = status === undefined || status >= 500;
      if (!doubtful && status !== 422) throw error;
      const existing = await findExisting();
      if (existing !== undefined) return existing;
      if (!doubtful || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? 500) * attempt));
    }
  }
}
