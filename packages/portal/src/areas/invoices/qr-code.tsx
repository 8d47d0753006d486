import { useEffect, useState } from 'react';

/**
 * A QR code drawn as SVG in the page (one path, crisp at any size), from `qrcode`'s encoder alone,
 * loaded only when an invoice with a VERI*FACTU record is shown. Error correction M, as AEAT asks.
 */
export function QrCode({
  text,
  label,
  size = 160,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const [symbol, setSymbol] = useState<{ size: number; path: string }>();
  useEffect(() => {
    let live = true;
    void import('qrcode/lib/core/qrcode.js').then((QRCode) => {
      const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
      let path = '';
      for (let row = 0; row < modules.size; row++)
        for (let col = 0; col < modules.size; col++)
          if (modules.data[row * modules.size + col]) path += `M${col + 4} ${row + 4}h1v1h-1z`;
      if (live) setSymbol({ size: modules.size + 8, path });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!symbol) return <div className="qr qr-placeholder" />;
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${symbol.size} ${symbol.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={symbol.size} height={symbol.size} fill="#fff" />
      <path d={symbol.path} fill="#000" />
    </svg>
  );
}
