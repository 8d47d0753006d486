import { type ComponentType, lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../ui/states.tsx';
import { NotFoundPage } from '../not-found.tsx';

const section = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

/**
 * Each section's page by its path (sections.ts), loaded when first shown. One route
 * (`/settings/:section`) instead of one per section keeps this table out of the first load,
 * which carries every area's routes.
 */
const SECTION_PAGES: Record<string, ComponentType> = {
  company: section(() => import('./company.tsx'), 'CompanySection'),
  series: section(() => import('./series.tsx'), 'SeriesSection'),
  centres: section(() => import('./centres.tsx'), 'CentresSection'),
  payment: section(() => import('./preferences.tsx'), 'PaymentSection'),
  notifications: section(() => import('./preferences.tsx'), 'NotificationsSection'),
  branding: section(() => import('./preferences.tsx'), 'BrandingSection'),
  'self-invoicing': section(() => import('./self-invoicing.tsx'), 'SelfInvoicingSection'),
  'signing-certificate': section(() => import('./certificates.tsx'), 'SigningCertificateSection'),
  csd: section(() => import('./csd.tsx'), 'CsdSection'),
  'verifactu-certificate': section(
    () => import('./certificates.tsx'),
    'SubmitterCertificateSection',
  ),
  'api-keys': section(() => import('./api-keys.tsx'), 'ApiKeysSection'),
  webhooks: section(() => import('./webhooks.tsx'), 'WebhooksSection'),
  'onboarding-keys': section(() => import('./onboarding-keys.tsx'), 'OnboardingKeysSection'),
};

/** `/settings/<section>`: that section, or "not found" for a path no section has. */
export function SettingsSectionPage() {
  const { section: path = '' } = useParams();
  const Section = Object.hasOwn(SECTION_PAGES, path) ? SECTION_PAGES[path] : undefined;
  if (!Section) return <NotFoundPage />;
  return (
    <Suspense fallback={<Loading />}>
      <Section />
    </Suspense>
  );
}
