import type { FormatId } from '@sello/contracts';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { unwrap, useApi } from '../../api/index.ts';
import { useErrorMessage } from '../../ui/states.tsx';

/**
 * Downloads one of an invoice's documents. The request needs the session's token, so it goes
 * through the API client and the file is handed to the browser from memory.
 */
export function InvoiceDownload({
  id,
  format,
  filename,
  label,
  accessibleName,
}: {
  id: string;
  format: FormatId;
  filename: string;
  label: string;
  /** The full name when the visible label is short (it starts with the label). */
  accessibleName?: string;
}) {
  const api = useApi();
  const message = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        className="button secondary compact"
        aria-label={accessibleName ?? label}
        isPending={pending}
        onPress={async () => {
          setPending(true);
          setError(undefined);
          try {
            const blob = unwrap(
              await api.GET('/v1/invoices/{id}/documents/{format}', {
                params: { path: { id, format } },
                parseAs: 'blob',
              }),
            ) as Blob;
            const url = URL.createObjectURL(blob);
            const a = document.createElement('a');
            a.href = url;
            a.download = filename;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (e) {
            setError(message(e));
          } finally {
            setPending(false);
          }
        }}
      >
        {label}
      </Button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
