// The printed page, shown over the counter in a sandboxed frame: no scripts and an opaque
// origin, so a template or a case's data can never act as the studio (issue 7). The page
// itself also forbids scripts (its CSP). The clerk prints it with the studio's print
// button: the studio's print styles hide everything but the frame.
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import './print-preview.css';

export interface Printed {
  kind: string;
  label: string;
  html: string;
}

export function PrintPreview({ printed, printLabel, closeLabel, onClose }: { printed: Printed; printLabel: string; closeLabel: string; onClose: () => void }) {
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    printButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    document.body.classList.add('printing-page');
    return () => {
      window.removeEventListener('keydown', onKey);
      document.body.classList.remove('printing-page');
    };
  }, [onClose]);
  return createPortal(
    <div className="print-preview" data-testid="print-preview" role="dialog" aria-label={printed.label}>
      <div className="print-toolbar">
        <strong>{printed.label}</strong>
        <span className="spacer" />
        <button type="button" ref={printButton} data-testid="print-now" onClick={() => window.print()}>{printLabel}</button>
        <button type="button" data-testid="print-close" onClick={onClose}>{closeLabel}</button>
      </div>
      {/* sandbox="" : no allow-scripts, no allow-same-origin, no forms, no popups, no navigation */}
      <iframe className="print-frame" data-testid="print-frame" title={printed.label} sandbox="" referrerPolicy="no-referrer" srcDoc={printed.html} />
    </div>,
    document.body,
  );
}
