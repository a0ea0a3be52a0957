// The printed page, shown over the counter in a sandboxed frame: no scripts and an opaque
// origin, so a template or a case's data can never act as the studio. The page
// itself also forbids scripts (its CSP). The clerk prints it with the studio's print
// button: the studio's print styles hide everything but the frame.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useMessages } from '../shared/i18n.js';
import './print-preview.css';

export interface Printed {
  kind: string;
  label: string;
  html: string;
}

export function PrintPreview({ printed, printLabel, closeLabel, onClose }: { printed: Printed; printLabel: string; closeLabel: string; onClose: () => void }) {
  const t = useMessages();
  const printButton = useRef<HTMLButtonElement>(null);
  // The frame is printed as a box the studio sizes: the clerk says how many A4 sheets the
  // page takes (the preview shows them), since nothing may run inside to measure it.
  const [sheets, setSheets] = useState(1);
  useEffect(() => {
    // the button that opened the dialog gets the focus back when it closes (Escape or 关闭)
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    printButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    document.body.classList.add('printing-page');
    return () => {
      window.removeEventListener('keydown', onKey);
      document.body.classList.remove('printing-page');
      if (opener?.isConnected) opener.focus();
    };
  }, [onClose]);
  return createPortal(
    <div className="print-preview" data-testid="print-preview" role="dialog" aria-label={printed.label} style={{ '--sheets': sheets } as CSSProperties}>
      <div className="print-toolbar">
        <strong>{printed.label}</strong>
        <span className="spacer" />
        <label className="small">{t.sheets} <input type="number" data-testid="print-sheets" min={1} max={9} value={sheets} onChange={(e) => setSheets(Math.min(9, Math.max(1, Math.floor(Number(e.target.value)) || 1)))} /></label>
        <button type="button" ref={printButton} data-testid="print-now" onClick={() => window.print()}>{printLabel}</button>
        <button type="button" data-testid="print-close" onClick={onClose}>{closeLabel}</button>
      </div>
      {/* sandbox="" : no allow-scripts, no allow-same-origin, no forms, no popups, no navigation */}
      <iframe className="print-frame" data-testid="print-frame" title={printed.label} sandbox="" referrerPolicy="no-referrer" srcDoc={printed.html} />
    </div>,
    document.body,
  );
}
