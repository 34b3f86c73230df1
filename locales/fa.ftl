language-name = فارسی

cmd-start = شروع و انتخاب زبان
cmd-help = این ربات چه کار می‌کند
cmd-lessons = مرور همهٔ درس‌ها
cmd-lesson = باز کردن یک درس: /lesson calls
cmd-language = تغییر زبان
cmd-progress = پیشرفت شما
cmd-forget = حذف همهٔ اطلاعات ذخیره‌شده دربارهٔ شما

welcome =
    به Parasol خوش آمدید. هر درس یک نکته دربارهٔ ایمن ماندن در اینترنت به شما یاد می‌دهد، پیام به پیام.

    برای شروع /lesson calls را بنویسید، یا برای دیدن همهٔ درس‌ها /lessons را.
choose-language = کدام زبان را ترجیح می‌دهید؟
language-set = انجام شد: از این به بعد با شما فارسی صحبت می‌کنم.
language-unknown = هنوز این زبان را بلد نیستم. یکی را انتخاب کنید:
help =
    ربات Parasol امنیت دیجیتال را در قالب درس‌های کوتاه آموزش می‌دهد.

    /lessons — مرور همهٔ درس‌ها
    /lesson نام — باز کردن یک درس، برای مثال /lesson calls
    /lesson — ادامه از همان‌جایی که مانده بودید
    /search کلمات — جستجوی درس‌ها دربارهٔ هر موضوعی، برای مثال /search گوشی توقیف
    /saved — درس‌هایی که با ☆ ذخیره کرده‌اید
    /language — تغییر زبان
    /progress — دیدن آنچه خوانده‌اید
    /forget — حذف همهٔ اطلاعات ذخیره‌شده دربارهٔ شما

    ربات Parasol فقط شناسهٔ تلگرام، زبان و پیشرفت شما را ذخیره می‌کند.

lessons-title = درس‌ها ({ $page }/{ $pages }):
lessons-empty = هنوز درسی وجود ندارد.
browse-previous = ◀ قبلی
browse-next = بعدی ▶

lesson-next = ▶ ادامه ({ $page }/{ $total })
lesson-done = ✅ تمام
lesson-finished = آفرین، درس «{ $title }» را تمام کردید.
lesson-next-suggestion = درس بعدی:
lesson-fallback-note = این درس هنوز به زبان شما ترجمه نشده است؛ نسخهٔ { $language } آن را اینجا می‌بینید.
lesson-not-found = درسی با نام «{ $query }» پیدا نکردم.
lesson-suggest = شاید منظورتان یکی از این‌ها باشد:
lesson-see-all = برای دیدن همهٔ درس‌ها /lessons را بنویسید.
lesson-ambiguous = چند درس با «{ $query }» مطابقت دارند. منظورتان کدام است؟
lesson-nothing-to-continue = هنوز هیچ درسی را شروع نکرده‌اید. برای انتخاب یک درس /lessons را بنویسید.
lesson-query-too-long = این برای نام یک درس خیلی طولانی است. /lesson calls را امتحان کنید.

progress-title = پیشرفت شما:
progress-line = { $title }: { $read }/{ $total }
progress-completed = { $title }: ✅ تمام‌شده
progress-empty = هنوز هیچ درسی را باز نکرده‌اید. /lesson calls را امتحان کنید.

forget-confirm = همهٔ اطلاعاتی که Parasol دربارهٔ شما ذخیره کرده است (زبان، پیشرفت، چک‌لیست‌ها، درس‌های ذخیره‌شده و درس روزانه) حذف شود؟ این کار برگشت‌پذیر نیست.
forget-yes = بله، حذف شود
forget-no = نه، نگه دار
forget-done = انجام شد. دیگر هیچ اطلاعاتی از شما ذخیره نشده است. برای شروع دوباره /start را بفرستید.
forget-cancelled = چیزی حذف نشد.

unknown-command = این فرمان را نمی‌شناسم. برای دیدن کارهایی که از من برمی‌آید /help را بنویسید.
unknown-text = لطفاً /lesson را همراه یک موضوع بنویسید، مثلاً /lesson calls، یا /help را.
button-expired = این دکمه دیگر معتبر نیست. برای ادامه /lessons را بنویسید.
too-fast = خیلی سریع پیام می‌فرستید؛ لطفاً کمی صبر کنید.
private-only = فقط در گفت‌وگوی خصوصی کار می‌کنم: برای خواندن درس‌ها یک گفت‌وگوی خصوصی با من باز کنید.
error-generic = مشکلی از سمت من پیش آمد. لطفاً چند لحظهٔ دیگر دوباره امتحان کنید.

cmd-daily = هر روز یک درس
daily-status-on = هر روز ساعت { $time } ({ $zone }) یک درس دریافت می‌کنید.
daily-status-off = می‌خواهید هر روز در ساعتی که خودتان انتخاب می‌کنید یک درس دریافت کنید؟
daily-subscribe = 📬 بله، روزی یک درس
daily-unsubscribe = توقف درس روزانه
daily-change-hour = 🕘 تغییر ساعت
daily-change-zone = 🌍 تغییر منطقهٔ زمانی
daily-pick-zone = در کدام منطقهٔ زمانی هستید؟ اگر منطقهٔ شما در فهرست نیست، /daily zone را همراه نام آن بنویسید، برای مثال /daily zone Africa/Kinshasa.
daily-pick-hour = درس چه ساعتی به دستتان برسد ({ $zone })؟
daily-subscribed = انجام شد: هر روز ساعت { $time } ({ $zone }) یک درس. برای تغییر آن /daily را بنویسید.
daily-unsubscribed = درس روزانه متوقف شد. برای فعال کردن دوبارهٔ آن /daily را بنویسید.
daily-zone-unknown = منطقهٔ زمانی «{ $zone }» را نمی‌شناسم. نام‌ها شبیه Europe/Paris یا America/Bogota هستند. یکی را انتخاب کنید:
daily-hour-invalid = ساعت باید عددی از 0 تا 23 باشد، برای مثال /daily hour 8.
daily-offer = می‌خواهید هر روز یک درس دریافت کنید؟ هر زمان که بخواهید می‌توانید این را با /daily تغییر دهید.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ خواندن
tree-all-lessons = ⬆ همهٔ درس‌ها
checklist-progress = { $done } از { $total } انجام شد
progress-checklist = ☑ { $title }: { $done }/{ $total }
progress-checklist-done = ☑ { $title }: ✅ همه انجام شد

# stats
stats =
    آمار Parasol (فقط مجموع‌ها)
    کاربران: { $users } ({ $reachable } در دسترس)
    فعال در ۷ روز گذشته: { $activeWeek }
    مشترکان درس روز: { $subscribers }
    امروز درسی خوانده‌اند (UTC): { $readersToday }
    درس‌های روز امروز: { $dailySent } فرستاده، { $dailyFailed } ناموفق، { $dailyPending } در انتظار
    خطاها از زمان شروع ({ $hours } ساعت پیش): { $errors }

# search and bookmarks
cmd-search = جستجو در درس‌ها: /search گوشی
cmd-saved = درس‌های ذخیره‌شده
search-usage = بعد از /search بنویسید دنبال چه هستید، برای مثال /search گوشی توقیف. می‌توانید فقط چند کلمه هم برایم بفرستید.
search-no-words = فقط می‌توانم کلمه جستجو کنم. چند کلمه بفرستید، برای مثال: گوشی توقیف.
search-nothing = دربارهٔ «{ $query }» چیزی پیدا نکردم. کلمه‌های دیگری را امتحان کنید یا /lessons را بزنید تا همهٔ درس‌ها را ببینید.
search-results = درس‌ها دربارهٔ «{ $query }» ({ $page }/{ $pages })
search-in-language = به زبان { $language }
bookmark-add = ☆ ذخیره
bookmark-remove = ★ ذخیره شد
bookmark-added = ذخیره شد. با /saved دوباره پیدایش می‌کنید.
bookmark-removed = از درس‌های ذخیره‌شده حذف شد.
saved-title = درس‌های ذخیره‌شدهٔ شما ({ $page }/{ $pages }). ✕ یک درس را حذف می‌کند.
saved-empty = هنوز درسی ذخیره نکرده‌اید. زیر هر درس ☆ ذخیره را بزنید تا اینجا بماند.
inline-open = 📖 باز کردن کل درس
