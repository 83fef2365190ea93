import { describe, expect, it } from 'vitest';
import { parseWebShellArgs } from './web-shell-args';

describe('npm run web options', () => {
  it('defaults to port 5173 on loopback with .lab-data', () => {
    expect(parseWebShellArgs([])).toEqual({ port: 5173, host: '127.0.0.1', labData: '.lab-data', lab: true, ephemeral: false });
  });

  it('takes --port N, --port=N and 0 for a free port', () => {
    expect(parseWebShellArgs(['--port', '0']).port).toBe(0);
    expect(parseWebShellArgs(['--port=5199', '--lab-data', '/tmp/x']).labData).toBe('/tmp/x');
    expect(parseWebShellArgs(['--', '--port', '6000']).port).toBe(6000);
  });

  it('refuses bad ports and unknown options', () => {
    expect(() => parseWebShellArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseWebShellArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseWebShellArgs(['--bogus'])).toThrow(/unknown option/);
  });
});
