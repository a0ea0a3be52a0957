// Fills a complete 居住证申领 at the studio's counter as a clerk does: the person's details,
// the agent where one acts, the hukou address down the province → city → county → township
// pickers, the residence's county and township, the street address, the grounds, the school
// or employer and the materials handed in. Other browser stories (the register's store and
// reprint) reuse it: give it a page open at #/counter?form=permit-application.
import type { Locator, Page } from 'playwright-core';

export interface CounterPerson {
  name: string;
  /** GB/T 2261.1 code: '1' 男性, '2' 女性 */
  sex: string;
  /** GB 3304 code, e.g. '01' 汉族 */
  ethnicity: string;
  idNumber: string;
  birthDate: string;
  phone?: string;
  /** GB/T 4658 code, e.g. '80' 小学教育 */
  education?: string;
}

export interface CounterApplication {
  acceptedOn: string;
  applicant: CounterPerson;
  /** 申领方式: the applicant in person, or through a guardian / close relative (art. 12 ¶3) */
  via: 'self' | 'guardian' | 'closeRelative';
  agent?: { name: string; idNumber: string; phone: string };
  /** names as the pickers show them, top down: 省, 市, 县, 乡镇、街道 */
  hukou: { province: string; city: string; county: string; township: string; address: string };
  /** the county's code, the township's name as the picker shows it */
  residence: {
    county: string; township: string; road: string; houseNumber: string; room: string;
    /** code of the residenceReasons list, e.g. 'accompany' 随迁 */
    reason: string; arrivedOn: string; registeredOn: string;
  };
  grounds: { employment?: boolean; housing?: boolean; study?: boolean };
  employer?: { name: string; address: string };
  school?: { name: string; enteredOn: string };
  /** field label on the checklist → count, e.g. { 户口簿: 1, 证件照: 2 } */
  materials: Record<string, number>;
}

/** The form's controls, found by the path JSON Forms gives them. */
export function counterControls(page: Page): { form: Locator; control: (path: string) => Locator; picker: (path: string) => Locator } {
  const form = page.locator('[data-testid=jsonforms]');
  return {
    form,
    control: (path: string) => form.locator(`[id="#/properties/${path.split('/').join('/properties/')}-input"]`),
    picker: (testId: string) => form.locator(`[data-testid="division-${testId}"]`),
  };
}

async function fillPerson(control: (path: string) => Locator, at: string, p: CounterPerson): Promise<void> {
  await control(`${at}/name`).fill(p.name);
  await control(`${at}/sex`).selectOption(p.sex);
  await control(`${at}/ethnicity`).selectOption(p.ethnicity);
  await control(`${at}/idNumber`).fill(p.idNumber);
  await control(`${at}/birthDate`).fill(p.birthDate);
  if (p.phone !== undefined) await control(`${at}/phone`).fill(p.phone);
  if (p.education !== undefined) await control(`${at}/education`).selectOption(p.education);
}

/** Fills the whole application, tab by tab; the agent last, once the rules allow one. */
export async function fillCounterApplication(page: Page, a: CounterApplication): Promise<void> {
  const { form, control, picker } = counterControls(page);
  await form.getByText('申领人', { exact: true }).first().click();
  await control('acceptedOn').fill(a.acceptedOn);
  await fillPerson(control, 'applicant', a.applicant);
  await control('via').selectOption(a.via);

  await form.getByText('户籍与居住地', { exact: true }).first().click();
  const h = a.hukou;
  await picker('hukou.townshipCode-0').selectOption({ label: h.province });
  await picker('hukou.townshipCode-1').selectOption({ label: h.city });
  await picker('hukou.townshipCode-2').selectOption({ label: h.county });
  await picker('hukou.townshipCode-3').selectOption({ label: h.township });
  await control('hukou/address').fill(h.address);
  const r = a.residence;
  await control('residence/county').selectOption(r.county);
  await picker('residence.townshipCode').selectOption({ label: r.township });
  await control('residence/road').fill(r.road);
  await control('residence/houseNumber').fill(r.houseNumber);
  await control('residence/room').fill(r.room);
  await control('residence/reason').selectOption(r.reason);
  await control('residence/arrivedOn').fill(r.arrivedOn);
  await control('residence/registeredOn').fill(r.registeredOn);
  for (const [ground, held] of Object.entries(a.grounds)) if (held) await control(`grounds/${ground}`).check();
  if (a.employer) {
    await control('employer/name').fill(a.employer.name);
    await control('employer/address').fill(a.employer.address);
  }
  if (a.school) {
    await control('school/name').fill(a.school.name);
    await control('school/enteredOn').fill(a.school.enteredOn);
  }

  await form.getByText('材料清单', { exact: true }).first().click();
  for (const [label, count] of Object.entries(a.materials)) {
    await form.getByLabel(new RegExp(`^${label}\\*?$`)).fill(String(count));
  }
  if (a.agent) {
    // the agent's section opens once the rules have decided that an agent may act (art. 12 ¶3):
    // the form must be complete enough to decide
    await form.getByText('申领人', { exact: true }).first().click();
    await control('agent/name').waitFor({ state: 'visible' });
    await control('agent/name').fill(a.agent.name);
    await control('agent/idNumber').fill(a.agent.idNumber);
    await control('agent/phone').fill(a.agent.phone);
  }
}

/** The application of test/forms/permit-application-child-through-guardian.yaml, as a clerk enters it. */
export const childThroughGuardian: CounterApplication = {
  acceptedOn: '2019-07-10',
  applicant: { name: '李小雨', sex: '2', ethnicity: '01', idNumber: '510104201103150020', birthDate: '2011-03-15', education: '80' },
  via: 'guardian',
  agent: { name: '王芳', idNumber: '510104198506120032', phone: '13908740123' },
  hukou: { province: '四川省', city: '成都市', county: '锦江区', township: '春熙路街道', address: '春熙路 88 号' },
  residence: {
    county: '530302', township: '寥廓街道', road: '麒麟南路', houseNumber: '128 号', room: '3 栋 2 单元 501 室',
    reason: 'accompany', arrivedOn: '2019-01-02', registeredOn: '2019-01-04',
  },
  grounds: { study: true },
  school: { name: '曲靖市麒麟区第一小学', enteredOn: '2019-02-25' },
  materials: { 户口簿: 1, 证件照: 2, 房屋租赁合同: 1, 学生证: 1, 代办人身份证件: 1 },
};
