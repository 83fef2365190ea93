/**
 * What the CCEM service knows about the enterprise: its clusters (how to
 * reach each one's AXL and EM API, with the application user) and its
 * service parameters. Built from a running lab (`lab-ccem-config.ts`) or read
 * from a JSON file, so the same service can drive real call managers:
 *
 * ```json
 * {
 *   "clusters": [
 *     { "id": "hq", "axlUrl": "https://cucm-hq:8443/axl/",
 *       "emUrl": "https://cucm-hq:8443/emservice/EMServiceServlet",
 *       "appUser": { "id": "ccemapp", "password": "…" }, "axlVersion": "12.5" }
 *   ],
 *   "options": {
 *     "multipleLoginBehavior": "not-allowed",
 *     "maxLoginMinutes": 480,
 *     "lockout": { "maxFailures": 5, "lockMinutes": 15 },
 *     "homeRules": [ { "userIdPattern": "^hq-", "cluster": "hq" }, { "dnPattern": "^2", "cluster": "branch" } ]
 *   }
 * }
 * ```
 *
 * `adminUrl` may replace `axlUrl` and `emUrl`: they become `<adminUrl>/axl/`
 * and `<adminUrl>/emservice/EMServiceServlet`. Optional `tftp` and `sip`
 * are informational (the lab view shows them).
 */
import { readFileSync } from 'node:fs';

export type MultipleLoginBehavior = 'not-allowed' | 'auto-logout' | 'allowed';

export interface CcemCluster {
  readonly id: string;
  readonly axlUrl: string;
  readonly emUrl: string;
  readonly appUser: { readonly id: string; readonly password: string };
  readonly axlVersion?: string;
  readonly tftp?: string;
  readonly sip?: string;
}

/** A configured home-cluster rule (design.md §2 step 2); the first match wins, before asking the clusters. */
export interface HomeRule {
  /** Tested against the user ID as typed. */
  readonly userIdPattern?: string;
  /** Tested against the user's directory number (`getUser` telephoneNumber). */
  readonly dnPattern?: string;
  readonly cluster: string;
}

export interface CcemOptions {
  /** "Multiple Login Behavior" (cisco-reference §4.5); default not-allowed (EM code 25). */
  readonly multipleLoginBehavior?: MultipleLoginBehavior;
  /** Maximum login time; undefined = none. Milliseconds win over minutes (tests). */
  readonly maxLoginMinutes?: number;
  readonly maxLoginMs?: number;
  /** Wrong PINs in a row that lock a user (default 5), and for how long (default 15 min). */
  readonly lockout?: { readonly maxFailures?: number; readonly lockMinutes?: number; readonly lockMs?: number };
  readonly homeRules?: readonly HomeRule[];
  /** Per-request deadline for AXL and EM calls, ms (default 5000). */
  readonly requestTimeoutMs?: number;
  /** How often a saga stuck on an unreachable cluster is retried, ms (default 5000). */
  readonly retryMs?: number;
}

export interface CcemConfig {
  readonly clusters: readonly CcemCluster[];
  readonly options?: CcemOptions;
}

export class CcemConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CcemConfigError';
  }
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CcemConfigError(`${path} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new CcemConfigError(`${path} must be a non-empty string`);
  return value;
}

function optionalNumber(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new CcemConfigError(`${path} must be a number ≥ 0`);
  return value;
}

export function parseCcemConfig(json: unknown): CcemConfig {
  const root = record(json, '$');
  if (!Array.isArray(root.clusters) || root.clusters.length === 0) throw new CcemConfigError('$.clusters must be a non-empty array');
  const clusters = root.clusters.map((value, index): CcemCluster => {
    const path = `$.clusters[${index}]`;
    const entry = record(value, path);
    const admin = entry.adminUrl === undefined ? undefined : text(entry.adminUrl, `${path}.adminUrl`).replace(/\/$/, '');
    const appUser = record(entry.appUser, `${path}.appUser`);
    return {
      id: text(entry.id, `${path}.id`),
      axlUrl: entry.axlUrl === undefined && admin !== undefined ? `${admin}/axl/` : text(entry.axlUrl, `${path}.axlUrl`),
      emUrl: entry.emUrl === undefined && admin !== undefined ? `${admin}/emservice/EMServiceServlet` : text(entry.emUrl, `${path}.emUrl`),
      appUser: { id: text(appUser.id, `${path}.appUser.id`), password: text(appUser.password, `${path}.appUser.password`) },
      ...(entry.axlVersion === undefined ? {} : { axlVersion: text(entry.axlVersion, `${path}.axlVersion`) }),
      ...(entry.tftp === undefined ? {} : { tftp: text(entry.tftp, `${path}.tftp`) }),
      ...(entry.sip === undefined ? {} : { sip: text(entry.sip, `${path}.sip`) }),
    };
  });
  const ids = new Set<string>();
  for (const cluster of clusters) {
    if (ids.has(cluster.id)) throw new CcemConfigError(`cluster id "${cluster.id}" appears twice`);
    ids.add(cluster.id);
  }
  if (root.options === undefined) return { clusters };
  const options = record(root.options, '$.options');
  const behavior = options.multipleLoginBehavior;
  if (behavior !== undefined && behavior !== 'not-allowed' && behavior !== 'auto-logout' && behavior !== 'allowed') {
    throw new CcemConfigError('$.options.multipleLoginBehavior must be not-allowed, auto-logout or allowed');
  }
  const lockout = options.lockout === undefined ? undefined : record(options.lockout, '$.options.lockout');
  const rules = options.homeRules === undefined ? undefined : (Array.isArray(options.homeRules) ? options.homeRules : [null]).map((value, index): HomeRule => {
    const path = `$.options.homeRules[${index}]`;
    const rule = record(value, path);
    const cluster = text(rule.cluster, `${path}.cluster`);
    if (!ids.has(cluster)) throw new CcemConfigError(`${path}.cluster "${cluster}" is not a configured cluster`);
    const userIdPattern = rule.userIdPattern === undefined ? undefined : text(rule.userIdPattern, `${path}.userIdPattern`);
    const dnPattern = rule.dnPattern === undefined ? undefined : text(rule.dnPattern, `${path}.dnPattern`);
    if (userIdPattern === undefined && dnPattern === undefined) throw new CcemConfigError(`${path} needs userIdPattern or dnPattern`);
    for (const pattern of [userIdPattern, dnPattern]) {
      if (pattern === undefined) continue;
      try { new RegExp(pattern); } catch { throw new CcemConfigError(`${path}: bad pattern ${pattern}`); }
    }
    return { cluster, ...(userIdPattern === undefined ? {} : { userIdPattern }), ...(dnPattern === undefined ? {} : { dnPattern }) };
  });
  const parsed: CcemOptions = {
    ...(behavior === undefined ? {} : { multipleLoginBehavior: behavior }),
    ...(optionalNumber(options.maxLoginMinutes, '$.options.maxLoginMinutes') === undefined ? {} : { maxLoginMinutes: options.maxLoginMinutes as number }),
    ...(optionalNumber(options.maxLoginMs, '$.options.maxLoginMs') === undefined ? {} : { maxLoginMs: options.maxLoginMs as number }),
    ...(optionalNumber(options.requestTimeoutMs, '$.options.requestTimeoutMs') === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs as number }),
    ...(optionalNumber(options.retryMs, '$.options.retryMs') === undefined ? {} : { retryMs: options.retryMs as number }),
    ...(lockout === undefined ? {} : {
      lockout: {
        ...(optionalNumber(lockout.maxFailures, '$.options.lockout.maxFailures') === undefined ? {} : { maxFailures: lockout.maxFailures as number }),
        ...(optionalNumber(lockout.lockMinutes, '$.options.lockout.lockMinutes') === undefined ? {} : { lockMinutes: lockout.lockMinutes as number }),
        ...(optionalNumber(lockout.lockMs, '$.options.lockout.lockMs') === undefined ? {} : { lockMs: lockout.lockMs as number }),
      },
    }),
    ...(rules === undefined ? {} : { homeRules: rules }),
  };
  return { clusters, options: parsed };
}

export function loadCcemConfigFile(file: string): CcemConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CcemConfigError(`${file}: ${(error as Error).message}`);
  }
  return parseCcemConfig(json);
}

/** Maximum login time in ms, or undefined for none. */
export function maxLoginMs(options: CcemOptions): number | undefined {
  if (options.maxLoginMs !== undefined) return options.maxLoginMs;
  return options.maxLoginMinutes === undefined ? undefined : options.maxLoginMinutes * 60_000;
}
