/** Command-line options of the browser shell (`npm run web -- …`). */
export interface WebShellArgs {
  readonly port: number;
  readonly host: string;
  /** Lab data directory; null keeps the lab in memory. */
  readonly labData: string | null;
  readonly lab: boolean;
  /** Put the lab on ephemeral ports instead of the topology's. */
  readonly ephemeral: boolean;
}

export const DEFAULT_WEB_PORT = 5173;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseWebShellArgs(argv: readonly string[]): WebShellArgs {
  let port = DEFAULT_WEB_PORT;
  let host = '127.0.0.1';
  let labData: string | null = '.lab-data';
  let lab = true;
  let ephemeral = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--':
        break;
      case '--port': {
        const text = value();
        port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be 0–65535, not ${text}`);
        break;
      }
      case '--host':
        host = value();
        break;
      case '--lab-data':
        labData = value();
        break;
      case '--memory':
        labData = null;
        break;
      case '--ephemeral':
        ephemeral = true;
        break;
      case '--no-lab':
        lab = false;
        break;
      default:
        throw new UsageError(`unknown option ${arg} (use --port N, --host H, --lab-data DIR, --memory, --ephemeral, --no-lab)`);
    }
  }
  return { port, host, labData, lab, ephemeral };
}
