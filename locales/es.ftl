language-name = Español

cmd-start = Iniciar y elegir su idioma
cmd-help = Qué hace este bot
cmd-lessons = Ver todas las lecciones
cmd-lesson = Abrir una lección: /lesson calls
cmd-language = Cambiar el idioma
cmd-progress = Su progreso
cmd-forget = Borrar todo lo que se guarda sobre usted

welcome =
    Le damos la bienvenida a Parasol. Cada lección le enseña una cosa sobre cómo protegerse en internet, mensaje a mensaje.

    Escriba /lesson calls para empezar, o /lessons para verlas todas.
choose-language = ¿Qué idioma prefiere?
language-set = Listo: hablaré con usted en español.
language-unknown = Todavía no conozco ese idioma. Elija uno:
help =
    Parasol enseña seguridad digital en lecciones breves.

    /lessons — ver todas las lecciones
    /lesson NOMBRE — abrir una lección, por ejemplo /lesson calls
    /lesson — continuar donde lo dejó
    /search PALABRAS — buscar lecciones sobre cualquier tema, por ejemplo /search teléfono robado
    /saved — las lecciones que guardó con ☆
    /language — cambiar el idioma
    /progress — ver lo que ha leído
    /forget — borrar todo lo que se guarda sobre usted

    Parasol solo guarda su id de Telegram, su idioma y su progreso.

lessons-title = Lecciones ({ $page }/{ $pages }):
lessons-empty = Todavía no hay lecciones.
browse-previous = ◀ Anterior
browse-next = Siguiente ▶

lesson-next = ▶ Continuar ({ $page }/{ $total })
lesson-done = ✅ Listo
lesson-finished = Muy bien, ha terminado «{ $title }».
lesson-next-suggestion = Siguiente lección:
lesson-fallback-note = Esta lección aún no está traducida a su idioma; aquí la tiene en { $language }.
lesson-not-found = No encontré ninguna lección llamada «{ $query }».
lesson-suggest = Quizá buscaba:
lesson-see-all = Escriba /lessons para verlas todas.
lesson-ambiguous = Varias lecciones coinciden con «{ $query }». ¿Cuál quiere?
lesson-nothing-to-continue = Aún no ha empezado ninguna lección. Escriba /lessons para elegir una.
lesson-query-too-long = Es demasiado largo para el nombre de una lección. Pruebe con /lesson calls.

progress-title = Su progreso:
progress-line = { $title }: { $read }/{ $total }
progress-completed = { $title }: ✅ terminada
progress-empty = Aún no ha abierto ninguna lección. Pruebe con /lesson calls.

forget-confirm = ¿Borrar todo lo que Parasol guarda sobre usted (idioma, progreso, listas de verificación, lecciones guardadas y lección diaria)? No se puede deshacer.
forget-yes = Sí, borrar
forget-no = No, conservarlo
forget-done = Hecho. Ya no se guarda nada sobre usted. Envíe /start para empezar de nuevo.
forget-cancelled = No se ha borrado nada.

unknown-command = No conozco ese comando. Escriba /help para ver lo que puedo hacer.
unknown-text = Escriba /lesson y un tema, por ejemplo /lesson calls, o /help.
button-expired = Este botón ya no es válido. Escriba /lessons para continuar.
too-fast = Está enviando mensajes muy rápido; espere un momento, por favor.
private-only = Solo funciono en chats privados: abra un chat conmigo para leer las lecciones.
error-generic = Algo ha fallado por mi parte. Vuelva a intentarlo en un momento, por favor.

cmd-daily = Una lección cada día
daily-status-on = Recibe una lección cada día a las { $time } ({ $zone }).
daily-status-off = ¿Quiere recibir una lección cada día, a la hora que elija?
daily-subscribe = 📬 Sí, una lección al día
daily-unsubscribe = Detener la lección diaria
daily-change-hour = 🕘 Cambiar la hora
daily-change-zone = 🌍 Cambiar la zona horaria
daily-pick-zone = ¿En qué zona horaria se encuentra? Si la suya no aparece, escriba /daily zone y su nombre, por ejemplo /daily zone Africa/Kinshasa.
daily-pick-hour = ¿A qué hora quiere recibirla ({ $zone })?
daily-subscribed = Listo: una lección cada día a las { $time } ({ $zone }). Escriba /daily para cambiarlo.
daily-unsubscribed = La lección diaria se ha detenido. Escriba /daily para reactivarla.
daily-zone-unknown = No conozco la zona horaria «{ $zone }». Los nombres son del tipo Europe/Paris o America/Bogota. Elija una:
daily-hour-invalid = La hora debe ser un número del 0 al 23, por ejemplo /daily hour 8.
daily-offer = ¿Quiere recibir una lección cada día? Puede cambiarlo en cualquier momento con /daily.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ Leer
tree-all-lessons = ⬆ Todas las lecciones
checklist-progress = { $done } de { $total } hechos
progress-checklist = ☑ { $title }: { $done }/{ $total }
progress-checklist-done = ☑ { $title }: ✅ todo hecho

# stats
stats =
    Estadísticas de Parasol (solo totales)
    Usuarios: { $users } ({ $reachable } alcanzables)
    Activos en los últimos 7 días: { $activeWeek }
    Suscriptores a la lección diaria: { $subscribers }
    Leyeron una lección hoy (UTC): { $readersToday }
    Lecciones del día hoy: { $dailySent } enviadas, { $dailyFailed } fallidas, { $dailyPending } en espera
    Errores desde el inicio (hace { $hours } h): { $errors }

# search and bookmarks
cmd-search = Buscar en las lecciones: /search teléfono
cmd-saved = Sus lecciones guardadas
search-usage = Escriba lo que busca después de /search, por ejemplo /search teléfono robado. También puede enviarme unas palabras sin más.
search-no-words = Solo puedo buscar palabras. Envíe algunas, por ejemplo: teléfono robado.
search-nothing = No encontré nada sobre «{ $query }». Pruebe con otras palabras o escriba /lessons para ver todas las lecciones.
search-results = Lecciones sobre «{ $query }» ({ $page }/{ $pages })
search-in-language = en { $language }
bookmark-add = ☆ Guardar
bookmark-remove = ★ Guardada
bookmark-added = Guardada. Escriba /saved para encontrarla de nuevo.
bookmark-removed = Quitada de sus lecciones guardadas.
saved-title = Sus lecciones guardadas ({ $page }/{ $pages }). ✕ quita una.
saved-empty = Todavía no ha guardado ninguna lección. Toque ☆ Guardar bajo una lección para tenerla aquí.
inline-open = 📖 Abrir la lección completa
