import { describe, expect, it } from 'vitest';
import { createSenderPolicy } from './sender-policy';

describe('main answers only its own windows', () => {
  const packaged = 'file:///opt/app/out/renderer/index.html';

  it('trusts the packaged renderer in a window main created, with any query', () => {
    const policy = createSenderPolicy(packaged);
    policy.trustWindow(7);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: `${packaged}?mac=00AABB000002` })).toBe(true);
  });

  it('refuses windows main did not create, or has closed', () => {
    const policy = createSenderPolicy(packaged);
    policy.trustWindow(7);
    expect(policy.isTrusted({ webContentsId: 8, frameUrl: packaged })).toBe(false);
    policy.forgetWindow(7);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: packaged })).toBe(false);
  });

  it('refuses a trusted window once it shows another page or frame', () => {
    const policy = createSenderPolicy(packaged);
    policy.trustWindow(7);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: 'https://evil.example/' })).toBe(false);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: 'file:///tmp/other.html' })).toBe(false);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: null })).toBe(false);
    expect(policy.isTrusted({ webContentsId: 7, frameUrl: 'not a url' })).toBe(false);
  });

  it('trusts the dev server by origin', () => {
    const policy = createSenderPolicy('http://localhost:5173/');
    policy.trustWindow(1);
    expect(policy.isTrusted({ webContentsId: 1, frameUrl: 'http://localhost:5173/?mac=00AABB000001' })).toBe(true);
    expect(policy.isTrusted({ webContentsId: 1, frameUrl: 'http://localhost:5174/' })).toBe(false);
  });
});
