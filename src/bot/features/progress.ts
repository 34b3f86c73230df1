import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

export const progressFeature = new Composer<BotContext>();

progressFeature.command('progress', async (ctx) => {
  const catalog = ctx.services.catalog();
  const lines = ctx.services.store
    .allProgress(ctx.from!.id)
    .map((row) => {
      const lesson = catalog.bySlug(row.lesson);
      if (!lesson) return undefined;
      const { version } = catalog.version(lesson, ctx.lang);
      if (row.completed) return ctx.t('progress-completed', { title: version.title });
      return ctx.t('progress-line', { title: version.title, read: Math.min(row.position, version.messages.length), total: version.messages.length });
    })
    .filter(Boolean);
  await ctx.reply(lines.length ? [ctx.t('progress-title'), ...lines].join('\n') : ctx.t('progress-empty'));
});
