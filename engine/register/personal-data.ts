// ID numbers and telephone numbers are personal data: shown masked in every list
// (5323**********0882), never written to a log. Masking walks any stored value, so an ID
// number or phone is masked wherever a form put it.

const ID_NUMBER = /^\d{17}[\dXx]$|^\d{15}$/;
const MOBILE = /^(?:\+?86[- ]?)?1\d{10}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const PERSONAL_KEY = /idnumber|phone|mobile|telephone|^tel$/i;

/** An ID number: its first 4 and last 4 characters, the rest starred. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** A telephone number: the first 3 and last 4 digits of a mobile (138****5678), the area code and last 4 digits of a landline (0874-***3456). */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  const mobile = /^(?:\+?86[- ]?)?(1\d{10})$/.exec(s)?.[1];
  if (mobile) return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const landline = /^(0\d{2,3}-)(\d+)$/.exec(s);
  if (landline) return `${landline[1]}${'*'.repeat(Math.max(landline[2].length - 4, 0))}${landline[2].slice(-4)}`;
  return maskIdNumber(s);
}

/** A single string as a list shows it: an ID number or a phone masked, anything else as it is. */
export function maskString(value: string, key = ''): string {
  const s = value.trim();
  if (ID_NUMBER.test(s)) return maskIdNumber(s);
  if (MOBILE.test(s) || LANDLINE.test(s)) return maskPhone(s);
  if (PERSONAL_KEY.test(key) && s !== '') return /phone|mobile|tel/i.test(key) ? maskPhone(s) : maskIdNumber(s);
  return value;
}

/** A copy of any JSON value with every ID number and phone in it masked (own properties only, `__proto__` kept as a plain key). */
export function maskPersonalData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return maskString(value, key);
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalData(v, k)]));
  }
  return value;
}
