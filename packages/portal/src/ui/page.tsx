import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page: its title in the tab and as the one h1 (which the shell focuses after a navigation,
 * so screen readers start at the new content), actions beside it, then the content.
 */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1} data-page-title="">
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}
