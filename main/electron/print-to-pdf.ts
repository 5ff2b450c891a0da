import fs from 'node:fs/promises';
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../services/reports/chromium-printer';

/**
 * The PDF printer inside the packaged app: an offscreen, sandboxed window loads the report HTML
 * from a data URL and `webContents.printToPDF` prints it. No extra browser to ship.
 * https://www.electronjs.org/docs/latest/api/web-contents#contentsprinttopdfoptions
 */
export const electronPrinter: PdfPrinter = {
  async print(html, file, templates) {
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        offscreen: true,
        partition: 'redress-report-print',
      },
    });
    try {
      // Its own partition, so blocking requests here touches no other window's session.
      window.webContents.session.webRequest.onBeforeRequest(
        { urls: ['http://*/*', 'https://*/*'] },
        (_details, callback) => callback({ cancel: true }),
      );
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: templates.headerTemplate,
        footerTemplate: templates.footerTemplate,
        margins: { top: 0.63, bottom: 0.55, left: 0.47, right: 0.47 },
      });
      await fs.writeFile(file, pdf);
    } finally {
      window.destroy();
    }
  },
};
