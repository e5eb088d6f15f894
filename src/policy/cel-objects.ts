import type { CelInput } from "@bufbuild/cel";
import { toCelValue } from "../cel/values.js";
import type { Resource } from "../manifests/resource.js";

/** Each object converted to CEL values once, however many rules and policies read it. */
export class CelObjects {
  private readonly converted = new WeakMap<object, CelInput>();

  of(resource: Resource): CelInput {
    return this.value(resource.object);
  }

  value(object: object): CelInput {
    let value = this.converted.get(object);
    if (value === undefined) {
      value = toCelValue(object);
      this.converted.set(object, value);
    }
    return value;
  }
}
