/** A saved `kubectl get -o yaml|json`: a file or a directory of them. No cluster client is loaded. */

import { describeError } from "../errors.js";
import { readSnapshot } from "../snapshot-reader.js";
import type { LiveSource } from "../types.js";
import { defineSource } from "./types.js";

type SnapshotSource = Extract<LiveSource, { type: "snapshot" }>;

export const snapshotSource = defineSource<SnapshotSource>({
  name: "snapshot",
  accepts: (source): source is SnapshotSource => source.type === "snapshot",
  read: (source, wanted, options) => readSnapshot(source.path, wanted, options),
  async reachable(source, options) {
    try {
      await readSnapshot(source.path, [], options);
      return { reachable: true, server: `snapshot ${source.path}` };
    } catch (error) {
      const failure = describeError(error);
      return { reachable: false, code: failure.code, message: failure.message };
    }
  },
});
