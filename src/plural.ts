/** `1 finding`, `3 findings`, `2 children` (with the irregular plural given). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
