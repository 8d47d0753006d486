/**
 * The settings' API schemas that forms load when first edited or sent (SettingsForm, the company and the CSD): they
 * bring zod, which a section needs only then. A module of the area's own, so the split follows
 * the area (a dynamic import of the contracts package itself re-chunked the first load).
 */
export { CentreInput, CentrePatch, CsdInput, SettingsPatch, TenantPatch } from '@sello/contracts';
