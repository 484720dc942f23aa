/**
 * A number set in the environment (the NEWSROOM_* tuning settings: workers,
 * budgets, thresholds), or undefined when it is not set, empty or not a
 * number, so that the caller's default holds.
 */
export function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined;
}
