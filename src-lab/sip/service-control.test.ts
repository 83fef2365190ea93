import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installNodeWebSocket, TestPhone } from './testing/sip-test-phone';
import { memoryCredentials, startTestCluster, type TestCluster } from './testing/lab-fixtures';
import { NotRegisteredError, parseServiceControlBody, serviceControlBody, ZERO_STAMP } from './service-control';
import { SipRequestTimeoutError } from './proxy';

const LINES = [{ dn: '1001', authName: 'SEP123456789ABC', password: 'p' }];

describe('the call manager restarts and resets a registered phone', () => {
  let cluster: TestCluster;
  let phone: TestPhone | undefined;

  beforeAll(() => installNodeWebSocket());

  afterEach(async () => {
    await phone?.stop().catch(() => undefined);
    phone = undefined;
    await cluster?.server.close();
  });

  async function registeredPhone(): Promise<{ phone: TestPhone; callId: string }> {
    cluster = await startTestCluster({ clusterId: 'hq', credentials: memoryCredentials(LINES), notifyTimeoutMs: 300 });
    phone = new TestPhone({ server: cluster.server.url, dn: '1001', authName: 'SEP123456789ABC', password: 'p' });
    await phone.start();
    const outcome = await phone.register();
    expect(outcome.status).toBe(200);
    return { phone, callId: outcome.callId };
  }

  it('writes the body of cisco-reference.md §6.1', () => {
    expect(serviceControlBody('restart', 'abc@1.2.3.4', { config: 'c0ffee' })).toBe(
      `action=restart\r\nRegisterCallId={abc@1.2.3.4}\r\nConfigVersionStamp={c0ffee}\r\n`
      + `DialplanVersionStamp={${ZERO_STAMP}}\r\nSoftkeyVersionStamp={${ZERO_STAMP}}\r\n`,
    );
  });

  it.each(['restart', 'reset'] as const)('sends %s as an out-of-dialog NOTIFY carrying the Call-ID of the REGISTER', async (action) => {
    const { phone, callId } = await registeredPhone();
    const status = await cluster.server.serviceControl('1001', action, 'a1b2c3d4-0000-0000-0000-000000000001');
    expect(status).toBe(200);
    const notification = phone.notifications.at(-1);
    expect(notification).toBeDefined();
    const request = notification!.request;
    expect(request.getHeader('Event')).toBe('service-control');
    expect(request.getHeader('Subscription-State')).toBe('active');
    expect(request.getHeader('Content-Type')).toBe('text/plain');
    expect(request.toTag).toBeUndefined();
    const body = parseServiceControlBody(request.body);
    expect(body).toMatchObject({ action, RegisterCallId: callId, ConfigVersionStamp: 'a1b2c3d4-0000-0000-0000-000000000001' });
    expect(body['DialplanVersionStamp']).toBe(ZERO_STAMP);
    expect(body['SoftkeyVersionStamp']).toBe(ZERO_STAMP);
    await cluster.waitForEvent((e) => e.kind === 'notify' && e.dn === '1001' && e.status === 200, 'notify event');
  });

  it('resolves with whatever status the phone answers', async () => {
    const { phone } = await registeredPhone();
    phone.onNotify = (n) => void n.reject({ statusCode: 489 });
    expect(await cluster.server.serviceControl('1001', 'restart', ZERO_STAMP)).toBe(489);
  });

  it('rejects with a timeout when the phone never answers, and with NotRegisteredError for an unregistered line', async () => {
    const { phone } = await registeredPhone();
    phone.onNotify = () => undefined;
    await expect(cluster.server.serviceControl('1001', 'restart', ZERO_STAMP)).rejects.toBeInstanceOf(SipRequestTimeoutError);
    await expect(cluster.server.serviceControl('1999', 'reset', ZERO_STAMP)).rejects.toBeInstanceOf(NotRegisteredError);
  });

  it('sends check-sync with no body', async () => {
    const { phone } = await registeredPhone();
    expect(await cluster.server.checkSync('1001')).toBe(200);
    expect(phone.notifications.at(-1)?.request.getHeader('Event')).toBe('check-sync');
    expect(phone.notifications.at(-1)?.request.body ?? '').toBe('');
  });
});
