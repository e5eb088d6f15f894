/** The shape every live source has: one file per source, listed in index.ts. */

import type { LiveReadOptions, LiveSource, LiveState, Reachability, WantedKinds } from "../types.js";

export interface LiveSourceDriver<S extends LiveSource = LiveSource> {
  /** how docs and messages name the source: `snapshot`, `kubeconfig context`, `in-cluster` */
  readonly name: string;
  /** whether this driver reads `source` (the first driver of the table that accepts it does) */
  readonly accepts: (source: LiveSource) => source is S;
  /** the objects of the wanted kinds, as LiveState says; throws LiveSourceError when nothing can be trusted */
  readonly read: (source: S, wanted: WantedKinds, options: LiveReadOptions) => Promise<LiveState>;
  /** one cheap probe for readiness endpoints; never throws */
  readonly reachable: (source: S, options: LiveReadOptions) => Promise<Reachability>;
}

/** A driver with its source type erased, so drivers of different sources sit in one table. */
export interface LiveSourceEntry {
  readonly name: string;
  readonly accepts: (source: LiveSource) => boolean;
  readonly read: (source: LiveSource, wanted: WantedKinds, options: LiveReadOptions) => Promise<LiveState>;
  readonly reachable: (source: LiveSource, options: LiveReadOptions) => Promise<Reachability>;
}

export function defineSource<S extends LiveSource>(driver: LiveSourceDriver<S>): LiveSourceEntry {
  const narrow = (source: LiveSource): S => {
    if (!driver.accepts(source)) throw new TypeError(`the ${driver.name} source cannot read a "${source.type}" source`);
    return source;
  };
  return {
    name: driver.name,
    accepts: driver.accepts,
    read: (source, wanted, options) => driver.read(narrow(source), wanted, options),
    reachable: (source, options) => driver.reachable(narrow(source), options),
  };
}
