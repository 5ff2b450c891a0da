import { defineMessages } from './define';

/**
 * What the two server launchers say when they cannot start: `npm run host` / `npm start` (the
 * headless host, main/host/host-cli.ts) and `npm run hq` (hq/main.ts). One line each, in the
 * language of the environment (shared/i18n/define.ts `localeFromEnv`), never a stack trace. Unknown
 * options and missing values are said with the command line's words (shared/i18n/cli.ts `usage`).
 */
export const serverMessages = defineMessages(
  {
    usage: {
      badPort: '--port 须为 0 到 65535 之间的整数（0 表示自动选择空闲端口）：{{value}}',
    },
    listen: {
      inUse:
        '端口 {{port}} 已被占用（另一个 Redress 程序或其他程序？）；请换一个 --port，或用 --port 0 自动选择。',
      denied: '无权使用端口 {{port}}（1024 以下的端口需要管理员权限）；请换一个 --port。',
      noAddress: '本机没有地址 {{host}}，无法在其上监听；请检查 --host。',
    },
    host: {
      failed: 'Redress 主机未能启动：{{reason}}',
      listening: 'Redress 主机已启动，请在浏览器中打开：{{url}}',
      notFound: '没有这个页面。若是首次运行，请先构建界面：npm run build:renderer',
      options: {
        archive: '档案文件',
        port: '127.0.0.1 上的端口（0 表示自动选择空闲端口）',
        renderer: '已构建的界面所在文件夹',
        scriptUrl: '再打印一个一次性地址，供浏览器旁的脚本使用',
      },
    },
    hq: {
      needPassword:
        '首次启动须创建总部管理员 hqadmin：请设置环境变量 REDRESS_HQ_PASSWORD，或在终端中运行以输入密码。未做任何更改。',
      passwordPolicy: 'hqadmin 的密码须为 {{min}} 到 200 个字符。未做任何更改。',
      dataDirUnusable: '总部数据目录无法使用：{{dir}}（不是文件夹，或没有写入权限）。',
      dataDirClosed:
        '以 root 运行时，内置 PostgreSQL 以 postgres 用户运行，而它进不了 {{folder}}（只对所有者开放），因此不能使用数据目录 {{dir}}；请用 --data 指定它进得去的目录（例如 /var/lib/redress-hq），或以普通用户运行。未做任何更改。',
      dataDirInUse: '总部数据目录 {{dir}} 正被另一个总部服务使用；请先停止它，或用 --data 指定其他目录。',
      postgresFailed: '内置 PostgreSQL 未能在 {{dir}} 中启动；请查看该目录是否完整、磁盘是否已满。',
      databaseUrlInvalid:
        'DATABASE_URL 不是有效的 PostgreSQL 地址（例如 postgres://用户:密码@主机:5432/数据库）。',
      databaseUnreachable:
        '无法连接 DATABASE_URL 指定的 PostgreSQL（{{where}}）；请检查服务器是否运行、地址和端口是否正确。',
      databaseLogin: 'PostgreSQL（{{where}}）拒绝登录：DATABASE_URL 中的用户名或密码不正确。',
      databaseMissing: 'PostgreSQL（{{where}}）上没有 DATABASE_URL 指定的数据库；请先创建它。',
      databaseDenied:
        'DATABASE_URL 的用户在 PostgreSQL（{{where}}）上没有建表权限；请授予该用户此数据库的权限。',
      databaseFailed: '总部数据库出错（PostgreSQL 错误代码 {{code}}），未能启动。',
      failed: '总部服务未能启动：{{reason}}',
    },
  },
  {
    usage: {
      badPort: '--port must be a whole number from 0 to 65535 (0 picks a free port): {{value}}',
    },
    listen: {
      inUse:
        'Port {{port}} is already in use (another Redress or another program?); choose another --port, or --port 0 for a free one.',
      denied:
        'Not allowed to use port {{port}} (ports below 1024 need administrator rights); choose another --port.',
      noAddress: 'This machine has no address {{host}} to listen on; check --host.',
    },
    host: {
      failed: 'The Redress host could not start: {{reason}}',
      listening: 'Redress host on {{url}}',
      notFound: 'Not found. Build the renderer first: npm run build:renderer',
      options: {
        archive: 'archive file',
        port: 'port on 127.0.0.1 (0 picks a free one)',
        renderer: 'built renderer',
        scriptUrl: 'also print a second one-time URL, for a script beside the browser',
      },
    },
    hq: {
      needPassword:
        'The first start creates the HQ administrator hqadmin: set REDRESS_HQ_PASSWORD, or run it in a terminal to type the password. Nothing changed.',
      passwordPolicy: "hqadmin's password must be {{min}} to 200 characters. Nothing changed.",
      dataDirUnusable: 'The HQ data folder cannot be used: {{dir}} (not a folder, or not writable).',
      dataDirClosed:
        'Run as root, the embedded PostgreSQL runs as user postgres, which cannot enter {{folder}} (open to its owner only), so it cannot use the data folder {{dir}}; choose a --data folder it can reach (e.g. /var/lib/redress-hq), or run HQ as a normal user. Nothing changed.',
      dataDirInUse:
        'The HQ data folder {{dir}} is in use by another HQ; stop that one first, or choose another folder with --data.',
      postgresFailed:
        'The embedded PostgreSQL did not start in {{dir}}; check that the folder is complete and the disk is not full.',
      databaseUrlInvalid:
        'DATABASE_URL is not a PostgreSQL address (e.g. postgres://user:password@host:5432/database).',
      databaseUnreachable:
        'Cannot reach the PostgreSQL of DATABASE_URL ({{where}}); check that the server runs and the host and port are right.',
      databaseLogin:
        'PostgreSQL ({{where}}) refused the sign-in: the user name or password in DATABASE_URL is wrong.',
      databaseMissing: 'PostgreSQL ({{where}}) has no database of the name in DATABASE_URL; create it first.',
      databaseDenied:
        "DATABASE_URL's user may not create tables on PostgreSQL ({{where}}); grant it rights on the database.",
      databaseFailed: 'The HQ database failed (PostgreSQL error code {{code}}); HQ did not start.',
      failed: 'HQ could not start: {{reason}}',
    },
  },
);
