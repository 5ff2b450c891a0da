/** Prints an HTML page to a PDF file. Chromium in the host and command line; Electron in the app. */
export interface PdfPrinter {
  print(
    html: string,
    file: string,
    templates: { headerTemplate: string; footerTemplate: string },
  ): Promise<void>;
}

/**
 * Flags for a headless Chromium that must stay offline and quiet (this printer, the e2e suite and
 * the grid bench): no sandbox (containers and CI run it as root), no GPU, no background traffic
 * (QUIC, updates, sync, component downloads).
 * https://peter.sh/experiments/chromium-command-line-switches/
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPrinter(
  executablePath = process.env['REDRESS_CHROMIUM'] ?? '/usr/bin/chromium',
): PdfPrinter {
  return {
    async print(html, file, templates) {
      // Loaded here, not at module load: most commands never print, and playwright-core costs
      // about half a second of start-up to every CLI run that imports this file (docs/PERFORMANCE.md).
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
      try {
        const page = await browser.newPage();
        // The report is self-contained; anything it tried to fetch would be a leak.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({
          path: file,
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          ...templates,
          margin: { top: '16mm', bottom: '14mm', left: '12mm', right: '12mm' },
        });
      } finally {
        await browser.close();
      }
    },
  };
}
