import { expect, test } from './fixtures';
import { CallPhone } from './pages/call-page';
import { HandsetPage } from './pages/handset-page';

const HQ = '00AABB000001';
const BRANCH = '00AABB000002';

test.describe('a call between the two demo phones, with audio', () => {
  test.skip(process.env.PHONE_SHELL === 'electron', 'two phones on the browser shell\'s multi-phone page');

  test('branch dials 1000 on the keypad, hq rings and answers with the handset, audio flows both ways (also after Hold/Resume), they hang up', async ({ page }) => {
    await page.goto('/');
    const hq = new CallPhone(new HandsetPage(page, page.locator('.phone').nth(0)), HQ);
    const branch = new CallPhone(new HandsetPage(page, page.locator('.phone').nth(1)), BRANCH);
    await expect(page.locator('.handset-figure').nth(1)).toHaveAttribute('data-device', `SEP${BRANCH}`);
    await Promise.all([hq.waitRegistered(), branch.waitRegistered()]);

    await branch.dial('1000');
    await hq.waitRinging();
    await expect(branch.callRow('Ring Out')).toHaveCount(1);
    await expect.poll(() => branch.tone()).toBe('ringback');
    await expect.poll(() => hq.tone()).toBe('ringing');

    await hq.handset.press('handset');
    await Promise.all([hq.waitConnected(), branch.waitConnected()]);
    await expect.poll(() => hq.tone()).toBe('none');
    await expect.poll(() => branch.tone()).toBe('none');

    const hqFirst = await hq.waitAudioFlowing();
    const branchFirst = await branch.waitAudioFlowing();
    /* Counts keep increasing: media is live, not a single burst. */
    await hq.waitAudioFlowing(hqFirst);
    await branch.waitAudioFlowing(branchFirst);

    /* Mute switches the microphone off (the lamp lights) and on again; the call stays up. */
    await expect.poll(() => branch.microphoneOn()).toBe(true);
    await branch.handset.press('key-mute');
    await expect(branch.handset.key('key-mute')).toHaveAttribute('data-lamp', 'red');
    await expect.poll(() => branch.microphoneOn()).toBe(false);
    await branch.handset.press('key-mute');
    await expect.poll(() => branch.microphoneOn()).toBe(true);

    /* Hold and Resume re-INVITE with sip.js's hold option; audio flows both ways again afterwards. */
    await hq.handset.pressSoftkey('Hold');
    await expect(hq.callRow('On Hold')).toHaveCount(1);
    await expect(branch.callRow('Held by peer')).toHaveCount(1);
    await hq.handset.pressSoftkey('Resume');
    await Promise.all([hq.waitConnected(), branch.waitConnected()]);
    await hq.waitAudioFlowing(await hq.media());
    await branch.waitAudioFlowing(await branch.media());

    await hq.handset.press('handset');
    await Promise.all([hq.waitIdle(), branch.waitIdle()]);
    await expect.poll(async () => (await hq.media()).calls).toBe(0);
    await expect.poll(async () => (await branch.media()).calls).toBe(0);
  });

  test('hq bridges a three-party conference: every party is sent the mix and audio flows to all', async ({ page, context }) => {
    await page.goto('/');
    const hq = new CallPhone(new HandsetPage(page, page.locator('.phone').nth(0)), HQ);
    const branch = new CallPhone(new HandsetPage(page, page.locator('.phone').nth(1)), BRANCH);
    const thirdPage = await context.newPage();
    const third = new CallPhone(await HandsetPage.open(thirdPage, '00AABB000004'), '00AABB000004');
    await Promise.all([hq.waitRegistered(), branch.waitRegistered(), third.waitRegistered()]);

    await hq.dial('2000');
    await branch.waitRinging();
    await branch.handset.pressSoftkey('Answer');
    await Promise.all([hq.waitConnected(), branch.waitConnected()]);

    await hq.handset.pressSoftkey('more');
    await hq.handset.pressSoftkey('Conf');
    await expect(hq.handset.title).toHaveText('Conference with');
    await hq.dial('2001');
    await third.waitRinging();
    await third.handset.pressSoftkey('Answer');
    await third.waitConnected();
    await hq.handset.pressSoftkey('Conf');
    await expect(hq.callRow(/^Conference/)).toHaveCount(2);
    await expect.poll(() => hq.conferenceParties(), { message: 'both parties get the mix' }).toBe(2);
    await hq.waitAudioFlowing(await hq.media());
    await branch.waitAudioFlowing(await branch.media());
    await third.waitAudioFlowing(await third.media());

    await third.handset.pressSoftkey('EndCall');
    await third.waitIdle();
    await expect.poll(() => hq.conferenceParties(), { message: 'no mix once a party left' }).toBe(0);
    await branch.handset.pressSoftkey('EndCall');
    await Promise.all([hq.waitIdle(), branch.waitIdle()]);
  });
});
