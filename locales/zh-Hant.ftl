language-name = 繁體中文

cmd-start = 開始並選擇語言
cmd-help = 這個機器人能做什麼
cmd-lessons = 瀏覽所有課程
cmd-lesson = 開啟課程：/lesson calls
cmd-language = 變更語言
cmd-progress = 您的學習進度
cmd-forget = 刪除關於您的所有資料

welcome =
    歡迎使用 Parasol。每堂課教您一個網路安全的重點，一次一則訊息。

    輸入 /lesson calls 開始，或輸入 /lessons 查看所有課程。
choose-language = 您想使用哪種語言？
language-set = 完成：我會用中文和您交談。
language-unknown = 我還不懂這種語言。請選擇一種：
help =
    Parasol 以簡短的課程教授數位安全。

    /lessons — 瀏覽所有課程
    /lesson 名稱 — 開啟課程，例如 /lesson calls
    /lesson — 從上次中斷的地方繼續
    /search 關鍵字 — 搜尋任何主題的課程，例如 /search 手機 被扣押
    /saved — 您用 ☆ 收藏的課程
    /language — 變更語言
    /progress — 查看您已讀過的內容
    /forget — 刪除關於您的所有資料

    Parasol 只會儲存您的 Telegram ID、語言和學習進度。

lessons-title = 課程（{ $page }/{ $pages }）：
lessons-empty = 目前還沒有課程。
browse-previous = ◀ 上一頁
browse-next = 下一頁 ▶

lesson-next = ▶ 繼續（{ $page }/{ $total }）
lesson-done = ✅ 完成
lesson-finished = 做得好，您已完成「{ $title }」。
lesson-next-suggestion = 下一課：
lesson-fallback-note = 這堂課還沒有翻譯成您的語言，以下是{ $language }版本。
lesson-not-found = 找不到名為「{ $query }」的課程。
lesson-suggest = 您是不是要找：
lesson-see-all = 輸入 /lessons 查看所有課程。
lesson-ambiguous = 有好幾堂課符合「{ $query }」，您要哪一堂？
lesson-nothing-to-continue = 您還沒有開始任何課程。輸入 /lessons 選擇一堂課。
lesson-query-too-long = 這作為課程名稱太長了。請試試 /lesson calls。

progress-title = 您的學習進度：
progress-line = { $title }：{ $read }/{ $total }
progress-completed = { $title }：✅ 已完成
progress-empty = 您還沒有開啟任何課程。請試試 /lesson calls。

forget-confirm = 要刪除 Parasol 儲存的所有關於您的資料（語言、學習進度、檢查清單、已儲存的課程和每日課程）嗎？此操作無法復原。
forget-yes = 是，刪除
forget-no = 不，保留
forget-done = 完成。我們已不再儲存任何關於您的資料。傳送 /start 即可重新開始。
forget-cancelled = 沒有刪除任何資料。

unknown-command = 我不認識這個指令。輸入 /help 看看我能做什麼。
unknown-text = 請輸入 /lesson 加上主題，例如 /lesson calls，或輸入 /help。
button-expired = 這個按鈕已失效。輸入 /lessons 繼續。
too-fast = 您傳送訊息的速度太快了，請稍候片刻。
private-only = 我只能在私人對話中使用：請開啟與我的私人對話來閱讀課程。
error-generic = 我這邊出了點問題，請稍後再試一次。

cmd-daily = 每天一堂課
daily-status-on = 您每天 { $time }（{ $zone }）都會收到一堂課。
daily-status-off = 您想每天在自己選擇的時間收到一堂課嗎？
daily-subscribe = 📬 好，每天一堂課
daily-unsubscribe = 停止每日課程
daily-change-hour = 🕘 變更時間
daily-change-zone = 🌍 變更時區
daily-pick-zone = 您在哪個時區？如果清單中沒有您的時區，請輸入 /daily zone 加上時區名稱，例如 /daily zone Africa/Kinshasa。
daily-pick-hour = 您希望幾點收到課程（{ $zone }）？
daily-subscribed = 完成：每天 { $time }（{ $zone }）一堂課。輸入 /daily 即可變更。
daily-unsubscribed = 每日課程已停止。輸入 /daily 即可重新開始。
daily-zone-unknown = 我不認識「{ $zone }」這個時區。時區名稱的格式如 Europe/Paris 或 America/Bogota。請選擇一個：
daily-hour-invalid = 時間必須是 0 到 23 之間的數字，例如 /daily hour 8。
daily-offer = 想每天收到一堂課嗎？您隨時可以用 /daily 變更這項設定。

# lesson tree and checklists
lesson-next-segment = ▶ { $title }（{ $page }/{ $total }）
tree-read = ▶ 閱讀
tree-all-lessons = ⬆ 所有課程
checklist-progress = 已完成 { $done }/{ $total }
progress-checklist = ☑ { $title }：{ $done }/{ $total }
progress-checklist-done = ☑ { $title }：✅ 全部完成

# stats
stats =
    Parasol 統計（僅總數）
    使用者：{ $users }（可聯繫 { $reachable }）
    過去 7 天活躍：{ $activeWeek }
    每日課程訂閱者：{ $subscribers }
    今天讀過課程（UTC）：{ $readersToday }
    今天的每日課程：已送出 { $dailySent }，失敗 { $dailyFailed }，等待中 { $dailyPending }
    啟動以來的錯誤（{ $hours } 小時前啟動）：{ $errors }

# search and bookmarks
cmd-search = 搜尋課程：/search 手機
cmd-saved = 您收藏的課程
search-usage = 在 /search 後面輸入您要找的內容，例如 /search 手機 被扣押。您也可以直接傳幾個字給我。
search-no-words = 我只能搜尋文字。請傳幾個字，例如：手機 被扣押。
search-nothing = 找不到與「{ $query }」相關的內容。請換個說法，或輸入 /lessons 查看所有課程。
search-results = 與「{ $query }」相關的課程（{ $page }/{ $pages }）
search-in-language = 語言：{ $language }
bookmark-add = ☆ 收藏
bookmark-remove = ★ 已收藏
bookmark-added = 已收藏。輸入 /saved 即可再次找到。
bookmark-removed = 已從收藏中移除。
saved-title = 您收藏的課程（{ $page }/{ $pages }）。按 ✕ 可移除。
saved-empty = 您還沒有收藏任何課程。在課程下方點 ☆ 收藏，就會出現在這裡。
inline-open = 📖 開啟完整課程
