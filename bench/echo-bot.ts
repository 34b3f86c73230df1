// The baseline for `npm run bench:bot`: a bare grammY echo bot, written the way
// a bare bot usually is (plain long polling with bot.start(), no plugins).
// Env: BOT_TOKEN, TELEGRAM_API_ROOT.
import { Bot } from 'grammy';

const token = process.env.BOT_TOKEN;
if (!token) {
  console.error('BOT_TOKEN is not set');
  process.exit(1);
}
const apiRoot = process.env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org';

const bot = new Bot(token, { client: { apiRoot } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
bot.catch((error) => console.error('echo bot error:', error.message));

const stop = () => void bot.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

await bot.start();
