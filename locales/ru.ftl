language-name = Русский

cmd-start = Начать и выбрать язык
cmd-help = Что умеет этот бот
cmd-lessons = Все уроки
cmd-lesson = Открыть урок: /lesson calls
cmd-language = Сменить язык
cmd-progress = Ваш прогресс
cmd-forget = Удалить все данные о вас

welcome =
    Добро пожаловать в Parasol. Каждый урок учит чему-то одному о безопасности в интернете, по одному сообщению за раз.

    Введите /lesson calls, чтобы начать, или /lessons, чтобы увидеть все уроки.
choose-language = Какой язык вам удобнее?
language-set = Готово: теперь я буду говорить с вами по-русски.
language-unknown = Этого языка я пока не знаю. Выберите один из этих:
help =
    Parasol учит цифровой безопасности короткими уроками.

    /lessons — все уроки
    /lesson НАЗВАНИЕ — открыть урок, например /lesson calls
    /lesson — продолжить с того места, где вы остановились
    /search СЛОВА — найти уроки на любую тему, например /search телефон изъяли
    /saved — уроки, сохранённые кнопкой ☆
    /language — сменить язык
    /progress — посмотреть, что вы уже прочитали
    /forget — удалить все данные о вас

    Parasol хранит только ваш Telegram ID, язык и прогресс.

lessons-title = Уроки ({ $page }/{ $pages }):
lessons-empty = Уроков пока нет.
browse-previous = ◀ Назад
browse-next = Далее ▶

lesson-next = ▶ Продолжить ({ $page }/{ $total })
lesson-done = ✅ Готово
lesson-finished = Отлично, вы прошли урок «{ $title }».
lesson-next-suggestion = Следующий урок:
lesson-fallback-note = Этот урок ещё не переведён на ваш язык, поэтому вот версия на языке: { $language }.
lesson-not-found = Урока с названием «{ $query }» не нашлось.
lesson-suggest = Возможно, вы имели в виду:
lesson-see-all = Введите /lessons, чтобы увидеть все уроки.
lesson-ambiguous = Запросу «{ $query }» соответствует несколько уроков. Какой из них вам нужен?
lesson-nothing-to-continue = Вы ещё не начали ни одного урока. Введите /lessons, чтобы выбрать урок.
lesson-query-too-long = Это слишком длинно для названия урока. Попробуйте /lesson calls.

progress-title = Ваш прогресс:
progress-line = { $title }: { $read }/{ $total }
progress-completed = { $title }: ✅ пройден
progress-empty = Вы ещё не открывали ни одного урока. Попробуйте /lesson calls.

forget-confirm = Удалить всё, что Parasol хранит о вас (язык, прогресс, чек-листы, сохранённые уроки и урок дня)? Это действие нельзя отменить.
forget-yes = Да, удалить
forget-no = Нет, оставить
forget-done = Готово. Никаких данных о вас больше не хранится. Отправьте /start, чтобы начать заново.
forget-cancelled = Ничего не удалено.

unknown-command = Я не знаю такой команды. Введите /help, чтобы узнать, что я умею.
unknown-text = Введите /lesson и тему, например /lesson calls, или /help.
button-expired = Эта кнопка больше не действует. Введите /lessons, чтобы продолжить.
too-fast = Вы отправляете сообщения слишком быстро; пожалуйста, подождите немного.
private-only = Я работаю только в личных чатах: откройте чат со мной, чтобы читать уроки.
error-generic = Что-то пошло не так на моей стороне. Пожалуйста, попробуйте ещё раз чуть позже.

cmd-daily = Урок каждый день
daily-status-on = Вы получаете урок каждый день в { $time } ({ $zone }).
daily-status-off = Хотите получать по уроку каждый день в удобное для вас время?
daily-subscribe = 📬 Да, по уроку в день
daily-unsubscribe = Отключить ежедневный урок
daily-change-hour = 🕘 Изменить время
daily-change-zone = 🌍 Изменить часовой пояс
daily-pick-zone = В каком часовом поясе вы находитесь? Если вашего нет в списке, введите /daily zone и его название, например /daily zone Africa/Kinshasa.
daily-pick-hour = В какое время присылать урок ({ $zone })?
daily-subscribed = Готово: урок каждый день в { $time } ({ $zone }). Введите /daily, чтобы это изменить.
daily-unsubscribed = Ежедневный урок отключён. Введите /daily, чтобы снова его включить.
daily-zone-unknown = Я не знаю часового пояса «{ $zone }». Названия выглядят так: Europe/Paris или America/Bogota. Выберите один из этих:
daily-hour-invalid = Час должен быть числом от 0 до 23, например /daily hour 8.
daily-offer = Хотите получать по уроку каждый день? Это можно изменить в любой момент командой /daily.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ Читать
tree-all-lessons = ⬆ Все уроки
checklist-progress = Сделано: { $done } из { $total }
progress-checklist = ☑ { $title }: { $done }/{ $total }
progress-checklist-done = ☑ { $title }: ✅ всё сделано

# stats
stats =
    Статистика Parasol (только итоги)
    Пользователи: { $users } (доступны: { $reachable })
    Активны за последние 7 дней: { $activeWeek }
    Подписчики на урок дня: { $subscribers }
    Читали урок сегодня (UTC): { $readersToday }
    Уроки дня сегодня: отправлено { $dailySent }, с ошибкой { $dailyFailed }, в ожидании { $dailyPending }
    Ошибок с момента запуска ({ $hours } ч назад): { $errors }

# search and bookmarks
cmd-search = Поиск по урокам: /search телефон
cmd-saved = Сохранённые уроки
search-usage = Напишите после /search, что вы ищете, например /search телефон изъяли. Можно и просто прислать мне несколько слов.
search-no-words = Я умею искать только слова. Пришлите несколько, например: телефон изъяли.
search-nothing = Я ничего не нашёл по запросу «{ $query }». Попробуйте другие слова или наберите /lessons, чтобы увидеть все уроки.
search-results = Уроки по запросу «{ $query }» ({ $page }/{ $pages })
search-in-language = на языке: { $language }
bookmark-add = ☆ Сохранить
bookmark-remove = ★ Сохранено
bookmark-added = Сохранено. Наберите /saved, чтобы найти урок снова.
bookmark-removed = Урок убран из сохранённых.
saved-title = Сохранённые уроки ({ $page }/{ $pages }). ✕ убирает урок.
saved-empty = Вы ещё не сохранили ни одного урока. Нажмите ☆ Сохранить под уроком, и он появится здесь.
inline-open = 📖 Открыть весь урок
