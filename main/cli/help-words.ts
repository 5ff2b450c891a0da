import type { Command, Help, Option } from 'commander';
import { interpolate } from '../../shared/i18n/define';
import type { CliText } from './io';

type HelpFrame = CliText['helpFrame'];

/**
 * Commander writes the frame of every --help page itself, in English ("Usage:", "Options:",
 * "display help for command", "(default: …)"). This puts it in the reader's words. Call it on the
 * program before its subcommands are added: `.command()` copies the help option and configuration
 * into each subcommand, so one call covers every page.
 */
export function wordHelp(program: Command, frame: HelpFrame): Command {
  const titles: Readonly<Record<string, string>> = {
    'Usage:': frame.usage,
    'Options:': frame.options,
    'Commands:': frame.commands,
    'Arguments:': frame.arguments,
    'Global Options:': frame.globalOptions,
  };
  return program.helpOption('-h, --help', frame.help).configureHelp({
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option: Option) => {
      const extras = optionExtras(option, frame);
      if (extras.length === 0) return option.description;
      const tail = interpolate(frame.extras, { list: extras.join(frame.separator) });
      return option.description ? option.description + tail : tail.trimStart();
    },
    // The implicit `help [command]` subcommand is made by commander with its English description.
    subcommandDescription: (sub: Command) =>
      sub.name() === 'help' ? frame.helpCommand : sub.summary() || sub.description(),
  } satisfies Partial<Help>);
}

/** What commander adds after a description, in the same cases it adds it (help.js optionDescription). */
function optionExtras(option: Option, frame: HelpFrame): string[] {
  const extras: string[] = [];
  if (option.argChoices) {
    extras.push(interpolate(frame.choices, { values: option.argChoices.join(frame.separator) }));
  }
  const showsDefault =
    option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showsDefault) {
    const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
    extras.push(interpolate(frame.default, { value }));
  }
  return extras;
}
