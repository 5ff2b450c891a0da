import readline from 'node:readline';

/** One line from the terminal, the label on standard error so standard output stays data only. */
export function promptLine(label: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    rl.question(label, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}

/**
 * A line typed without echo (raw mode: each key is read and nothing is printed). Ctrl-C aborts the
 * whole command with exit code 130, as a shell expects; nothing has been changed at that point.
 */
export function promptHidden(label: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(label);
  return new Promise((resolve) => {
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = () => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}
