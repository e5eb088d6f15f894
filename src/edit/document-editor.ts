import jsonPatch, { type Operation } from "fast-json-patch";
import { isMap, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";
import { formatPointer, parsePointer } from "../manifests/pointer.js";
import { KUBE_YAML } from "../manifests/yaml-options.js";
import { diffValues } from "./decompose.js";
import { EditError } from "./errors.js";
import { cloneJson, deepEqual, isCollectionValue, isEmptyCollection, isJsonObject, type JsonValue } from "./json-value.js";
import type { BlockStyle } from "./render-value.js";
import { type EditView, insertItemSplice, insertPairSplice, removeSplice, replaceSplice, type Splice } from "./splices.js";
import { detectStyle } from "./style.js";
import { aliasedAnchors, assertNotShared, isCollection, resolveCollection, resolveSlot, type Slot } from "./tree.js";

export type Equivalence = (oldValue: unknown, newValue: unknown) => boolean;

/**
 * Applies JSON Patch operations to the text of one YAML document, one small splice at a time. The
 * text is re-read after every splice, so each operation sees exactly what the previous one left.
 * It tracks the plain object alongside (`state`) to know old values; text and state agree except
 * where `keepEquivalent` kept an old spelling.
 */
export class DocumentEditor {
  #text: string;
  readonly #floor: number;
  readonly #eol: string;
  readonly #keepEquivalent: Equivalence;
  #style: BlockStyle | undefined;
  #view: EditView | undefined;
  /** scalar replacements computed against #view, not yet in #text */
  #pending: Splice[] = [];
  #state: JsonValue;

  /**
   * @param text the document's lines, from the line its content starts on
   * @param floor offset of the content in `text`; what comes before it on that line (`--- `) is kept
   */
  constructor(text: string, floor: number, state: JsonValue, eol: string, keepEquivalent: Equivalence) {
    this.#text = text;
    this.#floor = floor;
    this.#eol = eol;
    this.#keepEquivalent = keepEquivalent;
    this.#state = cloneJson(state);
  }

  get text(): string {
    this.#flush();
    return this.#text;
  }

  apply(op: Operation): void {
    switch (op.op) {
      case "test":
      case "_get":
        return;
      case "replace":
        this.#replace(parsePointer(op.path), op.value as JsonValue);
        return;
      case "add":
        this.#add(parsePointer(op.path), op.value as JsonValue);
        return;
      case "remove":
        this.#remove(parsePointer(op.path));
        return;
      case "copy":
        this.#add(parsePointer(op.path), cloneJson(this.#valueAt(parsePointer(op.from))));
        return;
      case "move": {
        if (op.from === op.path) return;
        const value = cloneJson(this.#valueAt(parsePointer(op.from)));
        this.#remove(parsePointer(op.from));
        this.#add(parsePointer(op.path), value);
        return;
      }
    }
  }

  #currentView(): EditView {
    if (this.#view) return this.#view;
    // the line prefix before the content (a `--- ` marker) is blanked so the content parses where it stands
    const prefix = this.#text.slice(0, this.#floor).replace(/\S/g, " ");
    const [document, ...more] = parseAllDocuments(prefix + this.#text.slice(this.#floor), {
      ...KUBE_YAML,
      keepSourceTokens: true,
    });
    const root = document?.contents as Node | null | undefined;
    if (!document || more.length > 0 || document.errors.length > 0 || !root) {
      const reason = document?.errors[0]?.message.split("\n")[0] ?? "it no longer reads as one document";
      throw new EditError("verification-failed", `an edit made the document unreadable (${reason}); nothing was changed`);
    }
    this.#style ??= detectStyle(this.#text, root);
    this.#view = {
      text: this.#text,
      root,
      floor: this.#floor,
      style: this.#style,
      eol: this.#eol,
      aliased: aliasedAnchors(root),
    };
    return this.#view;
  }

  /** The view with every queued scalar replacement applied. */
  #freshView(): EditView {
    this.#flush();
    return this.#currentView();
  }

  #splice(splice: Splice): void {
    this.#flush();
    if (splice.start < this.#floor) throw new EditError("unsupported", "the edit would reach before the document's content");
    this.#text = this.#text.slice(0, splice.start) + splice.text + this.#text.slice(splice.end);
    this.#view = undefined;
  }

  /**
   * Applies the queued scalar replacements at once, last first so the earlier offsets hold. They were
   * all computed against the same text and never overlap, which is what makes a re-read per
   * replacement unnecessary: a patch that rewrites hundreds of values reads the document once.
   */
  #flush(): void {
    if (this.#pending.length === 0) return;
    const splices = this.#pending.sort((a, b) => b.start - a.start);
    this.#pending = [];
    let text = this.#text;
    let limit = text.length;
    for (const splice of splices) {
      if (splice.end > limit || splice.start < this.#floor) {
        throw new EditError("verification-failed", "two edits of one document overlap; nothing was changed");
      }
      text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
      limit = splice.start;
    }
    this.#text = text;
    this.#view = undefined;
  }

  /**
   * Queues a scalar-for-scalar replacement, computed against the current view: such an edit changes
   * no structure, so the view stays right for the next one. False when it has to wait for a fresh view.
   */
  #queueScalar(segments: string[], value: JsonValue): boolean {
    const view = this.#currentView();
    const slot = resolveSlot(view.root, segments);
    if (!isScalar(slot.node)) return false;
    assertNotShared(view.root, segments, view.aliased);
    const splice = replaceSplice(view, slot, value);
    if (this.#pending.some((pending) => pending.start <= splice.end && splice.start <= pending.end)) return false;
    this.#pending.push(splice);
    return true;
  }

  #commit(op: Operation): void {
    this.#state = jsonPatch.applyOperation(this.#state, cloneJson(op), false, true).newDocument as JsonValue;
  }

  #valueAt(segments: readonly string[]): JsonValue {
    let current: unknown = this.#state;
    for (const segment of segments) current = (current as Record<string, unknown>)[segment];
    return current as JsonValue;
  }

  #replace(segments: string[], value: JsonValue): void {
    const before = this.#valueAt(segments);
    const scalars = !isCollectionValue(before) && !isCollectionValue(value);
    if (!this.#equivalent(before, value) && !(scalars && this.#queueScalar(segments, value))) {
      const view = this.#freshView();
      const slot = resolveSlot(view.root, segments);
      assertNotShared(view.root, segments, view.aliased);
      const bothMaps = isJsonObject(before) && isJsonObject(value);
      const bothLists = Array.isArray(before) && Array.isArray(value);
      if (isCollection(slot.node) && (bothMaps || bothLists) && !isEmptyCollection(before) && !isEmptyCollection(value)) {
        // edit only what differs inside, keeping the rest of the block as written
        for (const op of diffValues(before, value, segments)) this.apply(op);
      } else {
        this.#splice(replaceSplice(view, slot, value));
      }
    }
    this.#commit({ op: "replace", path: formatPointer(segments), value });
  }

  #equivalent(before: JsonValue, after: JsonValue): boolean {
    if (deepEqual(before, after)) return true;
    return !isCollectionValue(before) && !isCollectionValue(after) && this.#keepEquivalent(before, after);
  }

  #add(segments: string[], value: JsonValue): void {
    if (segments.length === 0) {
      this.#replace(segments, value);
      return;
    }
    const parentSegments = segments.slice(0, -1);
    const last = segments.at(-1) as string;
    const parent = this.#valueAt(parentSegments);
    if (isJsonObject(parent) && Object.hasOwn(parent, last)) {
      this.#replace(segments, value);
      return;
    }
    const view = this.#freshView();
    const { slot, collection } = resolveCollection(view.root, parentSegments);
    assertNotShared(view.root, parentSegments, view.aliased);
    let splice: Splice | undefined;
    if (Array.isArray(parent) && isSeq(collection)) {
      splice = insertItemSplice(view, collection, last === "-" ? parent.length : Number(last), value);
    } else if (isJsonObject(parent) && isMap(collection)) {
      splice = insertPairSplice(view, collection, last, value);
    } else {
      throw new EditError(
        "invalid-patch",
        `${formatPointer(parentSegments) || "the document"} is not written as a ${Array.isArray(parent) ? "sequence" : "mapping"}`,
      );
    }
    if (!splice || (collection.flow && collection.items.length === 0 && inBlockContext(slot))) {
      // an empty `{}`/`[]` among block lines becomes a block; odd layouts get the collection rewritten
      const grown = cloneJson(parent) as JsonValue;
      if (Array.isArray(grown)) grown.splice(last === "-" ? grown.length : Number(last), 0, value);
      else (grown as Record<string, JsonValue>)[last] = value;
      splice = replaceSplice(view, slot, grown);
    }
    this.#splice(splice);
    this.#commit({ op: "add", path: formatPointer(segments), value });
  }

  #remove(segments: string[]): void {
    if (segments.length === 0) throw new EditError("unsupported", "removing the whole document is not an edit");
    const view = this.#freshView();
    const slot = resolveSlot(view.root, segments);
    assertNotShared(view.root, segments, view.aliased);
    const parent = slot.parent;
    if (parent && !parent.flow && parent.items.length === 1) {
      // a block collection cannot be empty: its key keeps an empty `{}` or `[]`
      const parentSlot = resolveSlot(view.root, segments.slice(0, -1));
      this.#splice(replaceSplice(view, parentSlot, isSeq(parent) ? [] : {}));
    } else {
      this.#splice(removeSplice(view, slot));
    }
    this.#commit({ op: "remove", path: formatPointer(segments) });
  }
}

function inBlockContext(slot: Slot): boolean {
  return !slot.parent?.flow;
}
