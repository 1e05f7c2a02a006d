/**
 * Readiness: whether this instance should be sent traffic. A list of named checks (knowledge
 * loaded, database reachable, each configured adapter connected), each answering `{ ok, reason }`;
 * checks are added as parts start, so the list is open.
 */
export interface HealthStatus {
  ok: boolean;
  /** Why not, in words for an operator; never a secret. */
  reason?: string;
}

export interface ReadinessCheck {
  name: string;
  check(): HealthStatus | Promise<HealthStatus>;
}

export interface Readiness {
  ok: boolean;
  /** One line per check: `name: ok` or `name: reason`. */
  lines: string[];
}

/** Runs every check; a check that throws counts as not ready, with its message as the reason. */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, HealthStatus]> => {
      try {
        return [c.name, await c.check()];
      } catch (error) {
        return [
          c.name,
          { ok: false, reason: error instanceof Error ? error.message : String(error) },
        ];
      }
    }),
  );
  return {
    ok: results.every(([, s]) => s.ok),
    lines: results.map(([name, s]) => `${name}: ${s.ok ? "ok" : (s.reason ?? "not ready")}`),
  };
}
