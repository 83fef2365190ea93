/**
 * Cisco-style route patterns for inter-cluster trunks: `1XXX` → hq. Syntax
 * (CUCM Dial Plan guide, "Wildcards and special characters"): digits, `*` and
 * `#` match themselves, `X` any one digit, `[1-5]` / `[^0]` one digit from a
 * set, `!` one or more digits, `.` separates the access code and is ignored
 * for matching. When several patterns match, the closest match wins: the one
 * that matches the fewest numbers (CUCM's "closest match" rule).
 */

export interface RoutePattern {
  readonly pattern: string;
  /** The cluster whose call manager owns the numbers this pattern matches. */
  readonly cluster: string;
}

export class RoutePatternError extends Error {
  constructor(readonly pattern: string, message: string) {
    super(`route pattern ${pattern}: ${message}`);
    this.name = 'RoutePatternError';
  }
}

interface CompiledPattern {
  readonly route: RoutePattern;
  readonly regex: RegExp;
  /** log10 of how many numbers of the DN's length it matches; smaller is closer. */
  readonly breadth: (dnLength: number) => number;
}

export function compileRoutePattern(route: RoutePattern): CompiledPattern {
  let source = '';
  let fixedPositions = 0;
  let setLog = 0;
  let hasBang = false;
  const p = route.pattern;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (/[0-9*#]/.test(ch)) {
      source += ch === '*' ? '\\*' : ch;
      fixedPositions++;
    } else if (ch === 'X' || ch === 'x') {
      source += '[0-9]';
      fixedPositions++;
      setLog += 1;
    } else if (ch === '!') {
      source += '[0-9*#]+';
      hasBang = true;
    } else if (ch === '.') {
      continue;
    } else if (ch === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) throw new RoutePatternError(p, 'unclosed [');
      const body = p.slice(i + 1, close);
      if (!/^\^?([0-9](-[0-9])?)+$/.test(body)) throw new RoutePatternError(p, `bad set [${body}]`);
      source += `[${body}]`;
      const members = countSet(body);
      setLog += Math.log10(Math.max(1, members));
      fixedPositions++;
      i = close;
    } else {
      throw new RoutePatternError(p, `unsupported character ${ch}`);
    }
  }
  if (!source) throw new RoutePatternError(p, 'empty');
  const regex = new RegExp(`^${source}$`);
  return {
    route,
    regex,
    breadth: (dnLength) => setLog + (hasBang ? Math.max(0, dnLength - fixedPositions) + 0.5 : 0),
  };
}

function countSet(body: string): number {
  const negate = body.startsWith('^');
  const digits = new Set<number>();
  for (const m of (negate ? body.slice(1) : body).matchAll(/([0-9])(?:-([0-9]))?/g)) {
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    for (let d = from; d <= to; d++) digits.add(d);
  }
  return negate ? 10 - digits.size : digits.size;
}

export function matchesRoutePattern(pattern: string, dn: string): boolean {
  return compileRoutePattern({ pattern, cluster: '' }).regex.test(dn);
}

/**
 * A route table; `select` returns the closest matching route. Given a function,
 * it reads the routes at every lookup (clusters that start later join the
 * table) and recompiles only when the list changes.
 */
export class RouteTable {
  private compiled: CompiledPattern[] = [];
  private source: readonly RoutePattern[] | undefined;

  constructor(private readonly routes: readonly RoutePattern[] | (() => readonly RoutePattern[])) {
    this.current();
  }

  select(dn: string): RoutePattern | undefined {
    let best: { route: RoutePattern; breadth: number } | undefined;
    for (const c of this.current()) {
      if (!c.regex.test(dn)) continue;
      const breadth = c.breadth(dn.length);
      if (!best || breadth < best.breadth) best = { route: c.route, breadth };
    }
    return best?.route;
  }

  private current(): CompiledPattern[] {
    const routes = typeof this.routes === 'function' ? this.routes() : this.routes;
    if (routes !== this.source) {
      this.compiled = routes.map(compileRoutePattern);
      this.source = routes;
    }
    return this.compiled;
  }
}
