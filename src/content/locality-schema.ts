import { z } from './zod-vi.js';

const text = z.string().trim().min(1, 'không được để trống');
const phone = z.string().regex(/^(1800|1900)?\d{6,11}$/, 'số điện thoại chỉ gồm chữ số, ví dụ "18001096"');
const site = z.strictObject({ name: text, url: z.url({ message: 'địa chỉ web không hợp lệ' }) });

/** Everything specific to one deployment; another locality is deployed by editing this file alone. */
export const localitySchema = z.strictObject({
  /** Short name of the area served, e.g. "Phù Yên". */
  name: text,
  /** How answers name the area, e.g. "khu vực huyện Phù Yên cũ". */
  area: text,
  province: text,
  /** The communes (after 1 July 2025) that serve the area, with what they were formed from. */
  communes: z.array(z.strictObject({ name: text, formedFrom: text.optional() })).min(1),
  /** Said when a citizen mentions "huyện": what replaced the district level. */
  districtNotice: text,
  /** Where a citizen gets help in person or by phone; used in fallbacks, handovers and answers. */
  help: text,
  /** When officers answer handed-over conversations. */
  officeHours: text,
  portal: site.extend({ hotline: phone }),
  provincePortal: site,
});
export type Locality = z.infer<typeof localitySchema>;

/** Values for "{placeholders}" in messages and topics. */
export function localityPlaceholders(l: Locality): Record<string, string> {
  return {
    name: l.name,
    area: l.area,
    province: l.province,
    help: l.help,
    office_hours: l.officeHours,
    portal: l.portal.url,
    portal_name: l.portal.name,
    portal_hotline: l.portal.hotline,
    province_portal: l.provincePortal.url,
    communes: l.communes.map((c) => c.name).join(', '),
  };
}
