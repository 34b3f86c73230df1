import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { checklistProgress } from '../keyboards/checklist.ts';

export const progressFeature = new Composer<BotContext>();

/** Lessons read (finished or how far), then checklists ticked. */
progressFeature.command('progress', async (ctx) => {
  const catalog = ctx.services.catalog();
  const { store } = ctx.services;
  const lessons = store
    .allProgress(ctx.from!.id)
    .map((row) => {
      const lesson = catalog.bySlug(row.lesson);
      if (!lesson) return undefined;
      const { version } = catalog.version(lesson, ctx.lang);
      if (row.completed) return ctx.t('progress-completed', { title: version.title });
      return ctx.t('progress-line', { title: version.title, read: Math.min(row.position, version.messages.length), total: version.messages.length });
    })
    .filter(Boolean);
  const checklists = [...store.allTicks(ctx.from!.id)]
    .map(([id, ticked]) => {
      const entry = catalog.checklistById(id);
      if (!entry) return undefined;
      const checklist = catalog.checklistVersion(entry, ctx.lang);
      const { done, total } = checklistProgress(checklist, ticked);
      if (!done) return undefined;
      return done === total ? ctx.t('progress-checklist-done', { title: checklist.title }) : ctx.t('progress-checklist', { title: checklist.title, done, total });
    })
    .filter(Boolean);
  const lines = [...lessons, ...checklists];
  await ctx.reply(lines.length ? [ctx.t('progress-title'), ...lines].join('\n') : ctx.t('progress-empty'));
});
