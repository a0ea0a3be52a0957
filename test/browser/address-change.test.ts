// Art. 16 at the counter: a holder moving house. The new address is chosen province → city →
// county → township from the division dataset, which fills the county code the rules read:
// within Qujing (沾益区西平街道) with the materials handed in, a new permit is exchanged; in
// Kunming, the move is not one art. 16 covers (新居住地不在本市辖区).
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest, field } from '../support/studio-page.js';
import { counterControls } from '../support/counter-form.js';

const studios = studioEachTest();

describe('a change of address at the counter (art. 16)', () => {
  it('picks the new township from the division dataset; the county it fills decides whether art. 16 applies', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=address-change');
    const { form, control, picker } = counterControls(page);
    await control('acceptedOn').fill('2020-01-08');
    await control('holder/name').fill('黄海');
    await control('holder/idNumber').fill('450102199003210293');
    await control('permit/issuedOn').fill('2019-06-18');
    await picker('newAddress.townshipCode-0').selectOption({ label: '云南省' });
    await picker('newAddress.townshipCode-1').selectOption({ label: '曲靖市' });
    await picker('newAddress.townshipCode-2').selectOption({ label: '沾益区' });
    await picker('newAddress.townshipCode-3').selectOption({ label: '西平街道' });
    await expect(control('newAddress/county').inputValue()).resolves.toBe('530303');
    // the township chosen: the hand-typed name and kind give way to the dataset's
    await expect(control('newAddress/township').isVisible()).resolves.toBe(false);
    await field(form, '居民身份证').fill('1');
    await field(form, '居住证').fill('1');
    await field(form, '劳动合同').fill('1');
    const outcome = page.locator('[data-testid=value-addressChange-outcome]');
    // art. 16: the address changed within the city, everything handed in → exchanged
    await outcome.filter({ hasText: '换领（换发）新证' }).waitFor();
    await page.screenshot({ path: join(process.env.TIAOLI_SHOTS ?? tmpdir(), 'address-change.png') });

    await picker('newAddress.townshipCode-1').selectOption({ label: '昆明市' });
    await picker('newAddress.townshipCode-2').selectOption({ label: '五华区' });
    await picker('newAddress.townshipCode-3').selectOption({ label: '华山街道' });
    await expect(control('newAddress/county').inputValue()).resolves.toBe('530102');
    await outcome.filter({ hasText: '新居住地不在本市辖区' }).waitFor();
  });
});
