import { formats } from '@sello/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/index.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { type DocumentFormat, fetchDocument, INVOICES, type Invoice } from './queries.ts';

/**
 * The invoice's PDF as the API draws it (a draft's preview), in a frame from a blob URL (the
 * portal's CSP allows `frame-src blob:`), fetched again whenever the saved version changes.
 */
export function PdfPreview({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const api = useApi();
  const pdf = useQuery({
    queryKey: [...INVOICES, formats.printFormat, invoice.id, invoice.version],
    queryFn: () => fetchDocument(api, invoice.id, formats.printFormat as DocumentFormat),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!pdf.data) return;
    const next = URL.createObjectURL(
      pdf.data.type === 'application/pdf'
        ? pdf.data
        : new Blob([pdf.data], { type: 'application/pdf' }),
    );
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [pdf.data]);

  if (pdf.isPending) return <Loading />;
  if (pdf.isError) return <ErrorState error={pdf.error} onRetry={() => void pdf.refetch()} />;
  if (!url) return <Loading />;
  return (
    <div className="pdf-preview">
      <iframe
        // Chromium's viewer otherwise opens at a size that shows a sliver of the page.
        src={`${url}#view=FitH`}
        title={t('invoices.editor.previewFrame')}
        data-preview-version={invoice.version}
      />
      <a href={url} target="_blank" rel="noopener">
        {t('invoices.editor.openPreview')}
      </a>
    </div>
  );
}
