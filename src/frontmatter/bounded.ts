/**
 * YAML aliases ("billion laughs") parse instantly because they share
 * references, but anything that walks the result explodes. Count nodes,
 * shared ones every time they are reached, and stop at a budget.
 * See ../../../shared/PITFALLS.md, "YAML".
 */
export function exceedsNodeBudget(value: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (--left < 0) return true;
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === "object") stack.push(...Object.values(node));
  }
  return false;
}
