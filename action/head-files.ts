import { readFileSync } from "node:fs";
import path from "node:path";

/** The head revision's file texts, read once each: for suggestions and for placing comments. */
export interface HeadFiles {
  text(file: string): string | undefined;
  /** the number of the file's last line (a trailing line break starts no new line) */
  lastLine(file: string): number | undefined;
}

export function headFiles(dir: string): HeadFiles {
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(path.join(dir, file), "utf8"));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  return {
    text,
    lastLine: (file) => {
      const content = text(file);
      if (content === undefined) return undefined;
      return Math.max(1, content.split("\n").length - (content.endsWith("\n") ? 1 : 0));
    },
  };
}
