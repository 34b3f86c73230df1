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

forget-confirm = Delete everything Parasol stores about you (language and progress)? This cannot be undone.
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
