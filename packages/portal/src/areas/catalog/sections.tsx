import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Products, tariffs and customer prices: the three parts of the catalog. */
export function CatalogSections() {
  const { t } = useTranslation();
  const links = [
    { to: '/catalog', label: t('catalog.products'), end: true },
    { to: '/catalog/tariffs', label: t('catalog.tariffs'), end: false },
    { to: '/catalog/prices', label: t('catalog.prices'), end: false },
  ];
  return (
    <nav className="filters" aria-label={t('catalog.sections')}>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
