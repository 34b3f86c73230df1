// A deterministic synthetic lesson library: realistic Markdown (headings,
// paragraphs, lists, links of every kind, emphasis, tables, code, quotes) in
// seven languages, both metadata formats, laid out as <slug>/<lang>.md.
import { mkdir, writeFile } from 'node:fs/promises';
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
