// Appends STRICT to every `CREATE TABLE` in db/migrations that lacks it. Idempotent.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve('db/migrations');
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const file = path.join(dir, name);
  const sql = fs.readFileSync(file, 'utf8');
  const strict = sql.replace(/(CREATE TABLE [^;]*?\n\))(;)/g, (_m, body, end) => `${body} STRICT${end}`);
  if (strict !== sql) {
    fs.writeFileSync(file, strict);
    console.log(`strictify: ${name}`);
  }
}
