import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";
import type { PhaseInput, PhaseOutput } from "./types.js";

/**
 * The floor any manifest tool stands on: read each file, split it into documents, turn each into
 * plain objects. Default `yaml` options; no positions, no validation.
 */
export async function bare({ files }: PhaseInput): Promise<PhaseOutput> {
  let documents = 0;
  let objects = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    for (const document of parseAllDocuments(text)) {
      documents += 1;
      if (document.errors.length > 0) continue;
      if (document.toJS() !== null) objects += 1;
    }
  }
  return { documents, resources: objects, findings: 0 };
}
