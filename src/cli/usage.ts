/** The command line itself is wrong: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = "UsageError";
}
