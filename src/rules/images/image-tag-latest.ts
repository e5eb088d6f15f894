import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

/**
 * The tag of an image reference; a registry port (`registry:5000/app`) is not a tag, and an empty tag
 * (`app:`) is no tag. A digest pins the image whatever the tag says.
 */
export function imageTag(image: string): { tag?: string; digest: boolean } {
  if (image.includes("@")) return { digest: true };
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  const tag = colon === -1 ? "" : image.slice(colon + 1);
  return tag === "" ? { digest: false } : { tag, digest: false };
}

export const imageTagLatest: Rule = {
  id: "image-tag-latest",
  title: "Image is not pinned to a version",
  severity: "warning",
  category: "images",
  why: "`:latest` (or no tag, which means latest) changes under you: two nodes can run different code, a rollback redeploys the new image, and nobody can tell which build is live.",
  peers: { kubeLinter: ["latest-tag"], kubeScore: ["container-image-tag"], polaris: ["tagNotSpecified"] },
  appliesTo: isWorkload,
  check: (resource) =>
    containersOf(resource, ["container", "init", "ephemeral"]).flatMap((ref) => {
      const image = typeof ref.container.image === "string" ? ref.container.image.trim() : "";
      if (image === "") return [];
      const { tag, digest } = imageTag(image);
      if (digest || (tag !== undefined && tag !== "latest")) return [];
      const why = tag === undefined ? "has no tag, which means :latest" : "uses the :latest tag";
      return [
        { path: `${ref.path}/image`, message: `${describeContainer(ref)} image "${image}" ${why}; pin a version or a digest` },
      ];
    }),
};
