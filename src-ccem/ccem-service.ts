/**
 * `startCcemService(…)`: the CCEM application server — journal, engine and
 * its HTTP binding on one loopback port — used embedded by the lab and by
 * `ccem-cli.ts`. On start it runs `recover()` once (sessions a previous
 * process left open are finished or undone before the first request).
 */
import { join } from 'node:path';
import { HttpRouter, startHttpServer } from '../src-lab/http-router';
import type { CcemCluster, CcemOptions } from './ccem-config';
import { CcemEngine, type CcemEvent, type SessionView } from './ccem-engine';
import { mountCcem } from './ccem-http';
import { SagaJournal } from './saga-journal';

export interface StartCcemOptions {
  /** Default 0 (ephemeral). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Where `ccem.sqlite` lives; null (default) = memory only. */
  readonly dataDir?: string | null;
  readonly clusters: readonly CcemCluster[];
  readonly options?: CcemOptions;
  readonly onEvent?: (event: CcemEvent) => void;
  /** Runs after every journal write is on disk (crash tests). */
  readonly afterJournalWrite?: () => void;
}

export interface RunningCcemService {
  /** `http://127.0.0.1:P`; the phone-facing entry is `${url}/ccem/login`. */
  readonly url: string;
  readonly engine: CcemEngine;
  sessions(): SessionView[];
  recover(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCcemService(options: StartCcemOptions): Promise<RunningCcemService> {
  const dataDir = options.dataDir ?? null;
  const journal = await SagaJournal.open(dataDir === null ? null : join(dataDir, 'ccem.sqlite'), options.afterJournalWrite);
  const engine = new CcemEngine({
    clusters: options.clusters, journal,
    ...(options.options === undefined ? {} : { options: options.options }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  });
  const router = new HttpRouter();
  mountCcem(router, engine);
  let server;
  try {
    server = await startHttpServer(router, options.host ?? '127.0.0.1', options.port ?? 0);
  } catch (error) {
    journal.close();
    throw error;
  }
  await engine.recover();
  let stopped = false;
  return {
    url: server.url,
    engine,
    sessions: () => engine.sessions(),
    recover: () => engine.recover(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      engine.stop();
      await server.close();
      journal.close();
    },
  };
}
