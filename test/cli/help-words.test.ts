import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../main/cli/index';
import { createProcessIo, type CliIo } from '../../main/cli/io';
import { cliMessages } from '../../shared/i18n/cli';

/** Every command of the program, the program first. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** Commander's own English frame, as it writes it when nobody words it. */
const COMMANDER_ENGLISH = ['Usage:', 'Options:', 'Commands:', 'Arguments:', 'display help', '(default:'];

describe('the --help pages', () => {
  it('are framed in Chinese for a Chinese reader on every command, down to defaults', () => {
    const pages = allCommands(buildProgram(createProcessIo('zh-CN'))).map((command) =>
      command.helpInformation(),
    );
    expect(pages.length).toBeGreaterThan(40);
    for (const page of pages) {
      for (const english of COMMANDER_ENGLISH) expect(page).not.toContain(english);
      expect(page).toMatch(/^用法：/);
      expect(page).toContain(`-h, --help`);
      expect(page).toContain(cliMessages['zh-CN'].helpFrame.help);
    }
    const top = pages[0] ?? '';
    expect(top).toContain('选项：');
    expect(top).toContain('命令：');
    expect(top).toMatch(/help \[command\]\s+显示某个命令的帮助/);
    // An option with a default value says it in the reader's words and punctuation.
    const importPage = pages.find((page) => page.includes('--mode <mode>')) ?? '';
    expect(importPage).toContain('（默认："all-or-nothing"）');
  });

  it('are framed in English for an English reader', () => {
    const top = buildProgram(createProcessIo('en')).helpInformation();
    expect(top).toMatch(/^Usage: redress/);
    expect(top).toContain('display help for command');
    expect(top).not.toContain('用法');
  });
});

describe('too many arguments', () => {
  const collect = (locale: 'zh-CN' | 'en') => {
    const lines: string[] = [];
    const io: CliIo = { ...createProcessIo(locale), err: (line) => lines.push(line), out: () => undefined };
    return { io, lines };
  };

  it('names the command and the counts in the reader’s language, with no English from commander', async () => {
    const zh = collect('zh-CN');
    expect(await runCli(['case', 'show', 'a', 'b'], zh.io)).toBe(2);
    expect(zh.lines).toEqual(['redress: show 的参数过多：收到 2 个，最多 1 个（a, b）']);

    const en = collect('en');
    expect(await runCli(['verify', 'x'], en.io)).toBe(2);
    expect(en.lines).toEqual(['redress: too many arguments for verify: x (allowed: 0, given: 1)']);
  });
});
