import { once } from 'node:events';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';

/**
 * The .xlsx package as a streamed ZIP, written by archiver (deflate, ZIP64 when a part grows past
 * 4 GiB). Each entry is a stream that archiver deflates as the sheet writer feeds it, with
 * backpressure both ways, so a sheet of any length never sits in memory.
 * https://www.archiverjs.com/docs/archiver
 */
export interface ZipEntryWriter {
  /** Appends text (UTF-8); resolves when the archive can take more. */
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export class ZipStream {
  private readonly archive = new ZipArchive({ zlib: { level: 6 } });
  private readonly out: fs.WriteStream;
  /** The first error of the archive or the file; every later call rethrows it. */
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(filePath: string) {
    this.out = fs.createWriteStream(filePath);
    const fail = (error: Error) => {
      this.failure ??= error;
    };
    this.archive.on('error', fail);
    this.archive.on('warning', fail);
    this.out.on('error', fail);
    this.closed = once(this.out, 'close').then(() => undefined, fail);
    this.archive.pipe(this.out);
  }

  async addFile(name: string, text: string): Promise<void> {
    this.check();
    this.archive.append(text, { name });
  }

  /** One entry at a time: archiver takes queued entries in order, reading each stream to its end. */
  openEntry(name: string): ZipEntryWriter {
    this.check();
    const part = new PassThrough();
    this.archive.append(part, { name });
    return {
      write: async (text) => {
        this.check();
        if (!part.write(text, 'utf8')) await Promise.race([once(part, 'drain'), this.closed]);
        this.check();
      },
      close: async () => {
        part.end();
        this.check();
      },
    };
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    this.check();
    await this.archive.finalize();
    await this.closed;
    this.check();
  }

  /** Closes the file whatever state it is in (a failed export deletes it afterwards). */
  async close(): Promise<void> {
    if (this.out.closed) return;
    this.archive.abort();
    this.out.end();
    await this.closed;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
