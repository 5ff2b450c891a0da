import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ResponseOf } from '../../../shared/ipc/contract';

export type ComposedLetter = ResponseOf<'letters:compose'>;

/** The letter as it looks on paper; on screen inside the dialog, and alone when printing. */
export function LetterPage({ letter }: { letter: ComposedLetter }) {
  return (
    <article className="letter-page" data-testid="letter-page">
      <h1>{letter.title}</h1>
      <div className="letter-ref">{letter.caseNo}</div>
      {letter.paragraphs.map((text, index) => (
        <p key={index}>{text}</p>
      ))}
    </article>
  );
}

/**
 * The letter on a grey desk beside its controls (the case's letter dialog, the template editor);
 * `children` stand above the page (a failure) or instead of it while there is none.
 */
export function LetterPreview({
  label,
  letter,
  children,
}: {
  label: string;
  letter: ComposedLetter | null;
  children?: ReactNode;
}) {
  return (
    <div className="letter-preview" aria-label={label}>
      {children}
      {letter ? <LetterPage letter={letter} /> : null}
    </div>
  );
}

/**
 * While mounted, printing shows only the letter: a copy outside #root, and a body class that the
 * print style sheet (letters.css) uses to hide the app. The app's own font is in the page, so it
 * prints in Chinese on a machine with no Chinese fonts.
 */
export function LetterPrintCopy({ letter }: { letter: ComposedLetter }) {
  useEffect(() => {
    document.body.classList.add('printing-letter');
    return () => document.body.classList.remove('printing-letter');
  }, []);
  return createPortal(
    <div className="letter-print-copy">
      <LetterPage letter={letter} />
    </div>,
    document.body,
  );
}
