import { expect, reloadHandset, test } from './fixtures';

test.describe('editing a network setting on the phone', () => {
  test('refuses a bad TFTP server, then saves TFTP Server 2 and keeps it across a reload', async ({ handset }) => {
    await handset.waitForIdle();
    let network = await (await handset.openSettings()).openNetworkConfiguration();
    const editor = await network.edit('TFTP Server 2');
    await editor.clear();
    await handset.typeDigits('127**1#99999');
    await editor.saveRefused();
    await expect(handset.prompt).not.toBeEmpty();

    await editor.clear();
    await handset.typeDigits('127*0*0*1#6971');
    expect(await editor.value()).toBe('127.0.0.1:6971');
    network = await editor.save();
    await expect(await network.valueOf('TFTP Server 2')).toHaveText('127.0.0.1:6971');

    const fresh = await reloadHandset(handset);
    await fresh.waitForIdle();
    const again = await (await fresh.openSettings()).openNetworkConfiguration();
    await expect(await again.valueOf('TFTP Server 2')).toHaveText('127.0.0.1:6971');
  });

  test('cancels an edit without changing the value', async ({ handset }) => {
    await handset.waitForIdle();
    const network = await (await handset.openSettings()).openNetworkConfiguration();
    const before = await (await network.valueOf('TFTP Server 1')).textContent();
    const editor = await network.edit('TFTP Server 1');
    await handset.typeDigits('9');
    await handset.pressSoftkey('Cancel');
    await expect(handset.title).toHaveText('Network Configuration');
    await expect(await network.valueOf('TFTP Server 1')).toHaveText(before ?? '');
    expect(editor.field).toBe('TFTP Server 1');
  });
});
