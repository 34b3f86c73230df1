language-name = العربية

cmd-start = البدء واختيار لغتك
cmd-help = ما الذي يقدّمه هذا البوت
cmd-lessons = تصفّح كل الدروس
cmd-lesson = فتح درس: /lesson calls
cmd-language = تغيير اللغة
cmd-progress = تقدّمك
cmd-forget = حذف كل ما هو محفوظ عنك

welcome =
    مرحبًا بك في Parasol. يعلّمك كل درس شيئًا واحدًا عن البقاء آمنًا على الإنترنت، رسالةً تلو الأخرى.

    يمكنك كتابة /lesson calls للبدء، أو /lessons لعرض كل الدروس.
choose-language = ما لغتك المفضّلة؟
language-set = تم: سأتحدث معك بالعربية.
language-unknown = لا أعرف هذه اللغة بعد. يُرجى اختيار إحدى اللغات التالية:
help =
    يعلّم Parasol الأمان الرقمي من خلال دروس قصيرة.

    /lessons — تصفّح كل الدروس
    /lesson الاسم — فتح درس، مثلًا /lesson calls
    /lesson — المتابعة من حيث توقفت
    /search كلمات — البحث عن دروس حول أي موضوع، مثلًا /search هاتف مصادر
    /saved — الدروس التي حفظتها بالزر ☆
    /language — تغيير اللغة
    /progress — عرض ما قرأته
    /forget — حذف كل ما هو محفوظ عنك

    لا يحفظ Parasol سوى معرّف Telegram الخاص بك ولغتك وتقدّمك.

lessons-title = الدروس ({ $page }/{ $pages }):
lessons-empty = لا توجد دروس بعد.
browse-previous = ◀ السابق
browse-next = التالي ▶

lesson-next = ▶ متابعة ({ $page }/{ $total })
lesson-done = ✅ تم
lesson-finished = أحسنت، لقد أنهيت «{ $title }».
lesson-next-suggestion = الدرس التالي:
lesson-fallback-note = هذا الدرس غير مترجم إلى لغتك بعد، وإليك نسخته بلغة { $language }.
lesson-not-found = لم أجد درسًا باسم «{ $query }».
lesson-suggest = ربما المقصود:
lesson-see-all = يمكنك كتابة /lessons لعرض كل الدروس.
lesson-ambiguous = هناك عدة دروس تطابق «{ $query }». أيّها المقصود؟
lesson-nothing-to-continue = لا يوجد درس لمتابعته بعد. يمكنك كتابة /lessons لاختيار درس.
lesson-query-too-long = هذا أطول من أن يكون اسم درس. يمكنك تجربة /lesson calls.

progress-title = تقدّمك:
progress-line = { $title }: { $read }/{ $total }
progress-completed = { $title }: ✅ مكتمل
progress-empty = لا توجد لديك دروس مفتوحة بعد. يمكنك تجربة /lesson calls.

forget-confirm = حذف كل ما يحفظه Parasol عنك (اللغة والتقدّم وقوائم التحقق والدروس المحفوظة والاشتراك اليومي)؟ لا يمكن التراجع عن هذا الإجراء.
forget-yes = نعم، احذف
forget-no = لا، احتفظ بها
forget-done = تم. لم يعد هناك أي شيء محفوظ عنك. يمكنك إرسال /start للبدء من جديد.
forget-cancelled = لم يُحذف أي شيء.

unknown-command = لا أعرف هذا الأمر. يمكنك كتابة /help لمعرفة ما يمكنني فعله.
unknown-text = يمكنك كتابة /lesson ثم موضوع، مثلًا /lesson calls، أو /help.
button-expired = لم يعد هذا الزر صالحًا. يمكنك كتابة /lessons للمتابعة.
too-fast = رسائلك تصل بسرعة كبيرة؛ يُرجى الانتظار لحظة.
private-only = أعمل في المحادثات الخاصة فقط: يُرجى فتح محادثة معي لقراءة الدروس.
error-generic = حدث خطأ من جهتي. يُرجى المحاولة مرة أخرى بعد قليل.

cmd-daily = درس كل يوم
daily-status-on = يصلك درس كل يوم في الساعة { $time } ({ $zone }).
daily-status-off = ما رأيك في درس واحد كل يوم، في الساعة التي تناسبك؟
daily-subscribe = 📬 نعم، درس واحد يوميًا
daily-unsubscribe = إيقاف الدرس اليومي
daily-change-hour = 🕘 تغيير الساعة
daily-change-zone = 🌍 تغيير المنطقة الزمنية
daily-pick-zone = ما منطقتك الزمنية؟ إذا لم تكن منطقتك في القائمة، يمكنك كتابة /daily zone ثم اسمها، مثلًا /daily zone Africa/Kinshasa.
daily-pick-hour = في أي ساعة يصلك الدرس ({ $zone })؟
daily-subscribed = تم: درس كل يوم في الساعة { $time } ({ $zone }). يمكنك كتابة /daily لتغيير ذلك.
daily-unsubscribed = تم إيقاف الدرس اليومي. يمكنك كتابة /daily لتشغيله من جديد.
daily-zone-unknown = لا أعرف المنطقة الزمنية «{ $zone }». تُكتب الأسماء بهذا الشكل: Europe/Paris أو America/Bogota. يُرجى اختيار إحدى المناطق التالية:
daily-hour-invalid = يجب أن تكون الساعة رقمًا من 0 إلى 23، مثلًا /daily hour 8.
daily-offer = ما رأيك في درس واحد كل يوم؟ يمكنك تغيير ذلك في أي وقت باستخدام /daily.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ اقرأ
tree-all-lessons = ⬆ كل الدروس
checklist-progress = أُنجز { $done } من { $total }
progress-checklist = ☑ { $title }: { $done }/{ $total }
progress-checklist-done = ☑ { $title }: ✅ أُنجز كله

# stats
stats =
    إحصاءات Parasol (المجاميع فقط)
    المستخدمون: { $users } (يمكن الوصول إلى { $reachable })
    النشطون في آخر 7 أيام: { $activeWeek }
    المشتركون في درس اليوم: { $subscribers }
    قرؤوا درسًا اليوم (UTC): { $readersToday }
    دروس اليوم: أُرسل { $dailySent }، فشل { $dailyFailed }، في الانتظار { $dailyPending }
    الأخطاء منذ التشغيل (قبل { $hours } ساعة): { $errors }

# search and bookmarks
cmd-search = البحث في الدروس: /search هاتف
cmd-saved = دروسك المحفوظة
search-usage = اكتب ما تبحث عنه بعد /search، مثلًا /search هاتف مصادر. يمكنك أيضًا أن ترسل لي بضع كلمات فقط.
search-no-words = لا أستطيع البحث إلا عن كلمات. أرسل بعضها، مثلًا: هاتف مصادر.
search-nothing = لم أجد شيئًا عن «{ $query }». جرّب كلمات أخرى، أو اكتب /lessons لرؤية كل الدروس.
search-results = دروس عن «{ $query }» ({ $page }/{ $pages })
search-in-language = باللغة: { $language }
bookmark-add = ☆ حفظ
bookmark-remove = ★ محفوظ
bookmark-added = تم الحفظ. اكتب /saved لتجده مجددًا.
bookmark-removed = أُزيل من دروسك المحفوظة.
saved-title = دروسك المحفوظة ({ $page }/{ $pages }). الزر ✕ يزيل درسًا.
saved-empty = لم تحفظ أي درس بعد. اضغط ☆ حفظ تحت أي درس لتجده هنا.
inline-open = 📖 فتح الدرس كاملًا
