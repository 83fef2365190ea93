import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhoneRequestEnvelope } from '../src-shared/host-contract';
import { PhoneRequestFailed, PhoneRequestPort } from './phone-request-port';

describe('the host asking a page about its phones', () => {
  afterEach(() => vi.useRealTimers());

  it('queues requests until the page says it is ready, then sends them in order', async () => {
    const sent: PhoneRequestEnvelope[] = [];
    const port = new PhoneRequestPort({ send: (envelope) => sent.push(envelope) });
    const snapshot = port.request({ channel: 'phone:auth-url', mac: '00AABB000001' });
    const execute = port.request({ channel: 'phone:execute', mac: '00AABB000001', xml: '<x/>' });
    expect(sent).toHaveLength(0);
    port.ready();
    expect(sent.map((envelope) => envelope.request.channel)).toEqual(['phone:auth-url', 'phone:execute']);
    const [first, second] = sent;
    expect(port.reply({ id: second?.id, result: [] })).toBe(true);
    expect(port.reply({ id: first?.id, result: 'http://127.0.0.1:1/auth' })).toBe(true);
    await expect(snapshot).resolves.toBe('http://127.0.0.1:1/auth');
    await expect(execute).resolves.toEqual([]);
  });

  it('carries the error name of a failed answer and drops malformed or unknown replies', async () => {
    const sent: PhoneRequestEnvelope[] = [];
    const port = new PhoneRequestPort({ send: (envelope) => sent.push(envelope) });
    port.ready();
    const answer = port.request({ channel: 'phone:execute', mac: '00AABB000001', xml: 'junk' });
    const id = sent[0]?.id;
    expect(port.reply({ id: 999, result: 1 })).toBe(false);
    expect(port.reply({ id, error: 'not an object' })).toBe(false);
    expect(port.reply('nonsense')).toBe(false);
    expect(port.reply({ id, error: { name: 'PhoneObjectError', message: 'Parse Error' } })).toBe(true);
    const error = (await answer.then(() => null, (failure: unknown) => failure)) as Error;
    expect(error).toBeInstanceOf(PhoneRequestFailed);
    expect(error.name).toBe('PhoneObjectError');
    expect(port.reply({ id, result: 'late' })).toBe(false);
  });

  it('times out a request the page never answers, queued or sent', async () => {
    vi.useFakeTimers();
    const port = new PhoneRequestPort({ send: () => undefined, timeoutMs: 100 });
    const queued = port.request({ channel: 'phone:snapshot', mac: '00AABB000001' });
    const outcome = queued.catch((error: Error) => error.message);
    vi.advanceTimersByTime(101);
    await expect(outcome).resolves.toMatch(/did not answer phone:snapshot in time/);
    port.ready();
  });

  it('fails everything when the page goes away, and refuses new requests', async () => {
    const port = new PhoneRequestPort({ send: () => undefined });
    const waiting = port.request({ channel: 'phone:snapshot', mac: '00AABB000001' });
    port.close();
    expect(port.state).toBe('closed');
    await expect(waiting).rejects.toThrow(/page is gone/);
    await expect(port.request({ channel: 'phone:snapshot', mac: '00AABB000001' })).rejects.toThrow(/page is gone/);
  });
});
