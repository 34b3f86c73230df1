// Author tool: `npm run lessons -- check [DIR] [--strict]`,
// `npm run lessons -- render SLUG|FILE|DIR [--lang xx] [--json] [--dir DIR]`
// and, for operators, `npm run lessons -- reload [DIR] [--force]`.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadLibrary, type LoadedLibrary } from '../content/library.ts';
import { formatProblem, type Problem } from '../content/problems.ts';
import { createI18n, translator } from '../bot/i18n.ts';
import { checklistMessage, checklistPages } from '../bot/keyboards/checklist.ts';
import { lessonMessage, type OutgoingMessage } from '../bot/keyboards/lesson.ts';
import type { Lesson } from '../content/catalog.ts';
import { pidFilePath, runningBotPid } from '../server/pid-file.ts';
import { validateMessageText } from './telegram-check.ts';

const USAGE = `Usage:
  npm run lessons -- check [DIR] [--strict]
  npm run lessons -- render SLUG|FILE|DIR [--lang xx] [--json] [--dir DIR]
  npm run lessons -- reload [DIR] [--force]   checks, then has the running bot reload
DIR defaults to LESSONS_DIR, else lessons/.`;

interface Args {
  command?: string;
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) args.flags.set(name, inline);
      else if (['lang', 'dir'].includes(name) && argv[i + 1] !== undefined) args.flags.set(name, argv[++i]!);
      else args.flags.set(name, true);
    } else if (!args.command) args.command = arg;
    else args.positional.push(arg);
  }
  return args;
}

const DEFAULT_DIR = process.env.LESSONS_DIR?.trim() || 'lessons';

let i18n: ReturnType<typeof createI18n> | undefined;
/** The bot's UI strings (button labels), read once. */
function uiStrings(): ReturnType<typeof createI18n> {
  return (i18n ??= createI18n('en'));
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'check') return check(args.positional[0] ?? DEFAULT_DIR, args.flags.has('strict'));
  if (args.command === 'render') return render(args);
  if (args.command === 'reload') return reload(args.positional[0] ?? DEFAULT_DIR, args.flags.has('force'));
  console.error(USAGE);
  return 2;
}

async function check(dir: string, strict: boolean): Promise<number> {
  const { errors, warnings } = await checkAndPrint(dir);
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}

async function checkAndPrint(dir: string): Promise<{ errors: number; warnings: number }> {
  const library = await loadLibrary(dir, { defaultLanguage: process.env.DEFAULT_LANGUAGE ?? 'en' });
  const problems: Problem[] = [...library.problems, ...(await telegramProblems(library))];
  problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  for (const problem of problems) console.log(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  console.error(`${library.stats.files} files, ${library.stats.lessons} lessons: ${errors} errors, ${warnings} warnings`);
  return { errors, warnings };
}

/**
 * Checks the lessons, then sends SIGHUP to the bot running on DATABASE_PATH
 * (found through its pid file): it reads them again and swaps them in,
 * learners' progress included, without a restart.
 */
async function reload(dir: string, force: boolean): Promise<number> {
  const databasePath = process.env.DATABASE_PATH?.trim() || 'data/parasol.sqlite';
  const pid = runningBotPid(databasePath);
  if (pid === undefined) {
    console.error(`No running Parasol found for ${databasePath} (no live process in ${pidFilePath(databasePath)}). Set DATABASE_PATH as the bot has it; a bot that starts reads the lessons anyway.`);
    return 1;
  }
  const { errors } = await checkAndPrint(dir);
  if (errors > 0 && !force) {
    console.error('Not reloaded: fix the errors above first (the bot would leave those files out), or pass --force.');
    return 1;
  }
  process.kill(pid, 'SIGHUP');
  console.log(`Reload sent (SIGHUP) to Parasol, pid ${pid}: it reads ${dir} again now; its log says "lessons reloaded". Progress is kept.`);
  return 0;
}

/** Every message of every lesson, as the bot would send it, checked like Telegram checks it. */
async function telegramProblems(library: LoadedLibrary): Promise<Problem[]> {
  const problems: Problem[] = [];
  const t = translator(uiStrings(), 'en');
  for (const lesson of library.catalog.lessons.values()) {
    for (const version of lesson.versions.values()) {
      version.messages.forEach((source, index) => {
        const message = lessonMessage(library.catalog, lesson, version, index, t);
        const reason = validateMessageText(message.text, { caption: Boolean(source.photo) });
        if (reason) problems.push({ path: version.path, line: 1, severity: 'error', reason: `message ${index + 1}: ${reason}` });
      });
    }
  }
  // Every page of every checklist, as a learner who ticked nothing sees it.
  for (const entry of library.catalog.allChecklists()) {
    for (const checklist of entry.versions.values()) {
      checklistPages(checklist).forEach((_, page) => {
        const message = checklistMessage(library.catalog, entry, checklist, new Set(), page, t);
        const reason = validateMessageText(message.text);
        if (reason) problems.push({ path: checklist.path, line: 1, severity: 'error', reason: `checklist page ${page + 1}: ${reason}` });
      });
    }
  }
  return problems;
}

async function render(args: Args): Promise<number> {
  const target = args.positional[0] ?? DEFAULT_DIR;
  const lang = typeof args.flags.get('lang') === 'string' ? (args.flags.get('lang') as string) : undefined;
  const json = args.flags.has('json');
  const dirFlag = args.flags.get('dir');
  let library: LoadedLibrary;
  let lessons: Array<{ lesson: Lesson; langs: string[] }>;

  const kind = await stat(target).then((s) => (s.isDirectory() ? 'dir' : 'file'), () => 'slug');
  if (kind === 'slug') {
    library = await loadLibrary(typeof dirFlag === 'string' ? dirFlag : DEFAULT_DIR);
    const lesson = library.catalog.bySlug(target) ?? library.catalog.find(target, lang)[0]?.lesson;
    if (!lesson) {
      console.error(`No lesson "${target}" in ${typeof dirFlag === 'string' ? dirFlag : DEFAULT_DIR}.`);
      return 1;
    }
    lessons = [{ lesson, langs: lang ? [lang] : [...lesson.versions.keys()].sort() }];
  } else {
    // A file is rendered within its folder, so its internal links resolve as in the bot.
    library = await loadLibrary(kind === 'dir' ? target : dirname(target));
    const file = kind === 'file' ? resolve(target) : undefined;
    lessons = [...library.catalog.lessons.values()]
      .map((lesson) => ({
        lesson,
        langs: [...lesson.versions.values()]
          .filter((v) => (!file || resolve(v.path) === file) && (!lang || v.lang === lang))
          .map((v) => v.lang)
          .sort(),
      }))
      .filter((entry) => entry.langs.length > 0);
    if (!lessons.length) {
      const reasons = library.problems.filter((p) => p.severity === 'error').map(formatProblem);
      console.error(`Nothing to render in ${target}${lang ? ` for language ${lang}` : ''}.${reasons.length ? '\n' + reasons.join('\n') : ''}`);
      return 1;
    }
  }
  for (const { lesson, langs } of lessons) {
    for (const code of langs) {
      const { version } = library.catalog.version(lesson, code);
      const t = translator(uiStrings(), code);
      version.messages.forEach((_, index) => {
        const message = lessonMessage(library.catalog, lesson, version, index, t);
        if (json) console.log(JSON.stringify({ lesson: lesson.slug, lang: version.lang, index, ...message }));
        else printMessage(lesson.slug, version.lang, index, version.messages.length, message);
      });
    }
  }
  return 0;
}

function printMessage(slug: string, lang: string, index: number, total: number, message: OutgoingMessage): void {
  console.log(`── ${slug} [${lang}] message ${index + 1}/${total} ──`);
  console.log(message.text);
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    console.log(row.map((b) => `[ ${b.text} ]${'url' in b ? ` → ${b.url}` : ` (${b.callback_data})`}`).join(' '));
  }
  console.log();
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
