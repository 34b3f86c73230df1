language-name = English

cmd-start = Start and choose your language
cmd-help = What this bot does
cmd-lessons = Browse all lessons
cmd-lesson = Open a lesson: /lesson calls
cmd-language = Change the language
cmd-progress = Your progress
cmd-forget = Delete everything stored about you

welcome =
    Welcome to Parasol. Each lesson teaches one thing about staying safe online, a message at a time.

    Type /lesson calls to start, or /lessons to see them all.
choose-language = Which language do you prefer?
language-set = Done: I will speak English with you.
language-unknown = I do not know that language yet. Choose one:
help =
    Parasol teaches digital security in short lessons.

    /lessons — browse all lessons
    /lesson NAME — open a lesson, for example /lesson calls
    /lesson — continue where you left off
    /search WORDS — find lessons about anything, for example /search phone taken
    /saved — the lessons you saved with ☆
    /language — change the language
    /progress — see what you have read
    /forget — delete everything stored about you

    Parasol stores only your Telegram id, your language and your progress.

lessons-title = Lessons ({ $page }/{ $pages }):
lessons-empty = There are no lessons yet.
browse-previous = ◀ Previous
browse-next = Next ▶

lesson-next = ▶ Continue ({ $page }/{ $total })
lesson-done = ✅ Done
lesson-finished = Well done, you finished “{ $title }”.
lesson-next-suggestion = Next lesson:
lesson-fallback-note = This lesson is not yet translated into your language; here it is in { $language }.
lesson-not-found = I found no lesson called “{ $query }”.
lesson-suggest = Did you mean:
lesson-see-all = Type /lessons to see them all.
lesson-ambiguous = Several lessons match “{ $query }”. Which one?
lesson-nothing-to-continue = You have not started a lesson yet. Type /lessons to choose one.
lesson-query-too-long = That is too long for a lesson name. Try /lesson calls.

progress-title = Your progress:
progress-line = { $title }: { $read }/{ $total }
progress-completed = { $title }: ✅ finished
progress-empty = You have not opened a lesson yet. Try /lesson calls.

forget-confirm = Delete everything Parasol stores about you (language, progress, checklists, saved lessons and daily lesson)? This cannot be undone.
forget-yes = Yes, delete
forget-no = No, keep it
forget-done = Done. Nothing about you is stored any more. Send /start to begin again.
forget-cancelled = Nothing was deleted.

unknown-command = I do not know that command. Type /help to see what I can do.
unknown-text = Type /lesson and a topic, for example /lesson calls, or /help.
button-expired = This button is no longer valid. Type /lessons to continue.
too-fast = You are sending messages very quickly; please wait a moment.
private-only = I work in private chats only: open a chat with me to read lessons.
error-generic = Something went wrong on my side. Please try again in a moment.

cmd-daily = A lesson every day
daily-status-on = You get a lesson every day at { $time } ({ $zone }).
daily-status-off = Would you like one lesson every day, at the hour you choose?
daily-subscribe = 📬 Yes, one lesson a day
daily-unsubscribe = Stop the daily lesson
daily-change-hour = 🕘 Change the hour
daily-change-zone = 🌍 Change the time zone
daily-pick-zone = Which time zone are you in? If yours is not listed, type /daily zone and its name, for example /daily zone Africa/Kinshasa.
daily-pick-hour = At what time should it arrive ({ $zone })?
daily-subscribed = Done: a lesson every day at { $time } ({ $zone }). Type /daily to change it.
daily-unsubscribed = The daily lesson is stopped. Type /daily to start it again.
daily-zone-unknown = I do not know the time zone “{ $zone }”. Names look like Europe/Paris or America/Bogota. Choose one:
daily-hour-invalid = The hour must be a number from 0 to 23, for example /daily hour 8.
daily-offer = Would you like one lesson every day? You can change this at any time with /daily.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ Read
tree-all-lessons = ⬆ All lessons
checklist-progress = { $done } of { $total } done
progress-checklist = ☑ { $title }: { $done }/{ $total }
progress-checklist-done = ☑ { $title }: ✅ all done

# stats
stats =
    Parasol statistics (totals only)
    Users: { $users } ({ $reachable } reachable)
    Active in the last 7 days: { $activeWeek }
    Daily lesson subscribers: { $subscribers }
    Read a lesson today (UTC): { $readersToday }
    Lessons of the day today: { $dailySent } sent, { $dailyFailed } failed, { $dailyPending } waiting
    Errors since start ({ $hours } h ago): { $errors }

# search and bookmarks
cmd-search = Search the lessons: /search phone
cmd-saved = Your saved lessons
search-usage = Type what you are looking for after /search, for example /search phone taken. You can also simply send me a few words.
search-no-words = I can only search for words. Send a few, for example: phone taken.
search-nothing = I found nothing about “{ $query }”. Try other words, or type /lessons to see all lessons.
search-results = Lessons about “{ $query }” ({ $page }/{ $pages })
search-in-language = in { $language }
bookmark-add = ☆ Save
bookmark-remove = ★ Saved
bookmark-added = Saved. Type /saved to find it again.
bookmark-removed = Removed from your saved lessons.
saved-title = Your saved lessons ({ $page }/{ $pages }). ✕ removes one.
saved-empty = You have not saved a lesson yet. Tap ☆ Save under a lesson to keep it here.
inline-open = 📖 Open the whole lesson
