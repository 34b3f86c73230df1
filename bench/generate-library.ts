// A deterministic synthetic lesson library: realistic Markdown (headings,
// paragraphs, lists, links of every kind, emphasis, tables, code, quotes) in
// seven languages, both metadata formats, laid out as <slug>/<lang>.md.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prng } from '../test/helpers/stress-corpus.ts';

const WORDS: Record<string, string[]> = {
  en: 'your phone password account message encrypted device secure network browser attacker trust update backup data privacy risk threat plan safe contact travel border'.split(' '),
  es: 'su teléfono contraseña cuenta mensaje cifrado dispositivo seguro red navegador atacante confianza copia datos privacidad riesgo amenaza plan contacto viaje frontera'.split(' '),
  fr: 'votre téléphone mot de passe compte message chiffré appareil sécurisé réseau navigateur attaquant confiance sauvegarde données vie privée risque menace plan contact voyage'.split(' '),
  ru: 'ваш телефон пароль аккаунт сообщение зашифрованный устройство безопасный сеть браузер злоумышленник доверие резервная копия данные приватность риск угроза план контакт'.split(' '),
  ar: 'هاتفك كلمة المرور الحساب رسالة مشفرة الجهاز آمن الشبكة المتصفح المهاجم الثقة النسخ الاحتياطي البيانات الخصوصية الخطر التهديد خطة جهة اتصال السفر'.split(' '),
  fa: 'تلفن شما رمز عبور حساب پیام رمزگذاری شده دستگاه امن شبکه مرورگر مهاجم اعتماد پشتیبان داده حریم خصوصی خطر تهدید برنامه مخاطب سفر'.split(' '),
  'zh-Hant': '您的 手機 密碼 帳戶 訊息 加密 裝置 安全 網路 瀏覽器 攻擊者 信任 更新 備份 資料 隱私 風險 威脅 計畫 聯絡人 旅行'.split(' '),
};
export const LANGUAGES = Object.keys(WORDS);

export function generateLesson(slug: string, lang: string, index: number, seed: number, targetBytes = 1300): string {
  const random = prng(seed);
  const words = WORDS[lang]!;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const sep = lang === 'zh-Hant' ? '' : ' ';
  const sentence = (n = 6 + Math.floor(random() * 10)) => {
    const parts = Array.from({ length: n }, () => pick(words));
    if (random() < 0.3) parts[1] = `**${parts[1]}**`;
    if (random() < 0.2) parts[3] = `_${parts[3]}_`;
    if (random() < 0.25) parts[4] = `[${parts[4]}](https://example.org/${slug}/${Math.floor(random() * 100)})`;
    if (random() < 0.1) parts[2] = `[${parts[2]}](umbrella://lesson/${slug})`;
    if (random() < 0.05) parts[5] = `\`${parts[5]}\``;
    return parts.join(sep) + (lang === 'zh-Hant' ? '。' : '.');
  };
  const title = Array.from({ length: 3 }, () => pick(words)).join(sep);
  const head =
    random() < 0.5
      ? `---\nindex: ${index}\ntitle: "${title}"\n---\n`
      : `[Title]: # (${title})\n[Order]: # (${index})\n[Difficulty]: # (Beginner)\n\n`;
  let body = `# ${title}\n\n`;
  while (Buffer.byteLength(body) < targetBytes) {
    const roll = random();
    if (roll < 0.15) body += `## ${sentence(3)}\n\n`;
    else if (roll < 0.35) body += Array.from({ length: 2 + Math.floor(random() * 4) }, () => `*   ${sentence()}`).join('\n') + '\n\n';
    else if (roll < 0.42) body += Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence(5)}`).join('\n') + '\n\n';
    else if (roll < 0.45) body += `| ${pick(words)} | ${pick(words)} |\n|---|---|\n| ${pick(words)} | ${pick(words)} |\n\n`;
    else if (roll < 0.48) body += '```\ngpg --verify file.sig file\n```\n\n';
    else if (roll < 0.52) body += `> ${sentence()}\n\n`;
    else body += `${sentence()} ${sentence()} ${sentence()}\n\n`;
  }
  return head + body;
}

/** Writes `files` lesson files totalling about `totalBytes` into `dir`. */
export async function generateLibrary(dir: string, files = 4000, totalBytes = 5_000_000): Promise<number> {
  const perFile = Math.round(totalBytes / files);
  let written = 0;
  for (let i = 0; i < files; i++) {
    const lang = LANGUAGES[i % LANGUAGES.length]!;
    const slug = `lesson-${String(Math.floor(i / LANGUAGES.length)).padStart(4, '0')}`;
    const text = generateLesson(slug, lang, Math.floor(i / LANGUAGES.length), i + 1, perFile - 230);
    await mkdir(join(dir, slug), { recursive: true });
    await writeFile(join(dir, slug, `${lang}.md`), text);
    written += Buffer.byteLength(text);
  }
  return written;
}

const LEVELS = ['beginner', 'advanced', 'expert'];

/**
 * The same lessons as a content tree in seven languages:
 * `<lang>/category-N/topic-N/<level>/s_segment-N.md` with `.category.yml` in
 * every folder and a `c_checklist.yml` in every level; `files` segment files
 * in all, about `totalBytes` of Markdown.
 */
export async function generateTree(dir: string, files = 4000, totalBytes = 5_000_000): Promise<number> {
  const categories = 4;
  const topics = 6;
  const levels = categories * topics * LEVELS.length;
  const perLevel = Math.ceil(files / LANGUAGES.length / levels);
  const perFile = Math.round(totalBytes / files);
  let written = 0;
  let count = 0;
  for (const [l, lang] of LANGUAGES.entries()) {
    for (let c = 0; c < categories; c++) {
      const category = join(dir, lang, `category-${c}`);
      await mkdir(category, { recursive: true });
      await writeFile(join(category, '.category.yml'), `index: ${c}\ntitle: "${lang} category ${c}"\ndescription: "About ${c}"\n`);
      for (let t = 0; t < topics; t++) {
        const topic = join(category, `topic-${t}`);
        await mkdir(topic, { recursive: true });
        await writeFile(join(topic, '.category.yml'), `index: ${t}\ntitle: "${lang} topic ${c}.${t}"\n`);
        for (const [v, level] of LEVELS.entries()) {
          const folder = join(topic, level);
          await mkdir(folder, { recursive: true });
          await writeFile(join(folder, '.category.yml'), `index: ${v}\ntitle: ${level}\ndescription: "Level ${level}"\n`);
          const other = `category-${(c + 1) % categories}/topic-${t}/${level}`;
          for (let s = 0; s < perLevel && count < files; s++, count++) {
            let text = generateLesson(`segment-${s}`, lang, s, count + 1 + l, perFile - 300).replaceAll(
              `umbrella://lesson/segment-${s}`,
              `umbrella://category-${c}/topic-${t}/${level}/s_segment-${s}.md`,
            );
            text += `\nSee also [the next topic](umbrella://${other}), [this level](../${level}), [a segment](umbrella://${other}/s_segment-0.md).\n`;
            await writeFile(join(folder, `s_segment-${s}.md`), text);
            written += Buffer.byteLength(text);
          }
          const segments = (await readdir(folder)).filter((name) => name.startsWith('s_')).length;
          if (segments > 0) {
            await writeFile(
              join(folder, 'c_checklist.yml'),
              `index: 100\nlist:\n- check: "Read [the next topic](umbrella://${other})"\n- label: Then\n- check: Practise with a friend\n- check: "See [EFF](https://ssd.eff.org)"\n`,
            );
          }
        }
      }
    }
  }
  return written;
}
