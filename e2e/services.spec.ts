import { expect, test } from './fixtures';
import { ServicesMenuPage } from './pages/services-page';

test.describe('Cisco IP Phone Services on the LCD', () => {
  test('Services → Echo: fill the Input with the keypad, Submit, see the echoed query, Exit to idle', async ({ handset }) => {
    await handset.waitForIdle();
    const menu = await ServicesMenuPage.open(handset);
    for (const name of ['Cross Cluster EM', 'Clock', 'Lab Picture', 'Echo']) await expect(handset.row(name)).toHaveCount(1);

    const echo = await menu.openService('Echo');
    await expect(handset.softkeyLabel(1)).toHaveText('Submit');
    await echo.typeLetters('dog');
    await echo.nextField();
    await echo.typeDigits('42');
    await expect(echo.fieldValue('Number')).toHaveText('42');
    await echo.nextField();
    await echo.typeDigits('7');
    await expect(echo.fieldValue('Secret')).toHaveText(/^[*7]$/);
    await expect(echo.fieldValue('Secret')).toHaveText('*');

    const result = await echo.submit('Echo');
    await expect(handset.body).toContainText('text=dog&number=42&secret=7');
    await result.exitToIdle();
  });

  test('Services → Lab Picture draws a 133×65 grey image on the LCD', async ({ handset }) => {
    await handset.waitForIdle();
    const menu = await ServicesMenuPage.open(handset);
    const picture = await menu.openService('Lab Picture');
    await expect(picture.image).toBeVisible();
    await expect(picture.image).toHaveAttribute('viewBox', '0 0 133 65');
    const drawn = await picture.image.evaluate((svg) => {
      const fills = new Set(Array.from(svg.querySelectorAll('rect')).map((rect) => rect.getAttribute('fill')));
      return { pixels: svg.querySelectorAll('rect').length, greys: fills.size };
    });
    expect(drawn.pixels).toBeGreaterThan(500);
    expect(drawn.greys).toBeGreaterThanOrEqual(2);
    await picture.exitToIdle();
  });
});
