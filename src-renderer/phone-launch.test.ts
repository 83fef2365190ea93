import { describe, expect, it } from 'vitest';
import type { ShellConfig } from '../src-shared/host-contract';
import { choosePhones } from './phone-launch';

const config: ShellConfig = {
  shell: 'browser',
  phones: [
    { mac: '00AABB000001', tftpServers: [{ host: '127.0.0.1', port: 6901 }], httpPort: 0, caption: 'HQ phone' },
    { mac: '00AABB000002', tftpServers: [{ host: '127.0.0.1', port: 6902 }], httpPort: 0, caption: 'branch phone' },
  ],
};

describe('choosing the handsets a page shows', () => {
  it('shows every phone of the shell without ?mac', () => {
    expect(choosePhones(config, '')).toEqual({ kind: 'phones', phones: config.phones });
  });

  it('shows the named phone with its own launch settings', () => {
    expect(choosePhones(config, '?mac=00aabb000002')).toEqual({ kind: 'phones', phones: [config.phones[1]] });
  });

  it('gives an unknown MAC the first phone\'s TFTP list', () => {
    const choice = choosePhones(config, '?mac=00:11:22:33:44:55');
    expect(choice).toMatchObject({ kind: 'phones', phones: [{ mac: '001122334455', tftpServers: [{ port: 6901 }] }] });
  });

  it('refuses a MAC that is not 12 hex digits', () => {
    expect(choosePhones(config, '?mac=zz')).toEqual({ kind: 'invalid-mac', text: 'zz' });
  });

  it('still shows one default phone when the shell lists none', () => {
    const choice = choosePhones({ shell: 'browser', phones: [] }, '');
    expect(choice).toMatchObject({ kind: 'phones', phones: [{ mac: '00AABB000001' }] });
  });
});
