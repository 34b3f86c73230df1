language-name = Français

cmd-start = Démarrer et choisir votre langue
cmd-help = Ce que fait ce bot
cmd-lessons = Parcourir toutes les leçons
cmd-lesson = Ouvrir une leçon : /lesson calls
cmd-language = Changer de langue
cmd-progress = Votre progression
cmd-forget = Effacer tout ce qui est enregistré sur vous

welcome =
    Bienvenue dans Parasol. Chaque leçon vous apprend une chose pour rester en sécurité en ligne, un message à la fois.

    Tapez /lesson calls pour commencer, ou /lessons pour toutes les voir.
choose-language = Quelle langue préférez-vous ?
language-set = C’est fait : je vous parlerai en français.
language-unknown = Je ne connais pas encore cette langue. Choisissez-en une :
help =
    Parasol enseigne la sécurité numérique en courtes leçons.

    /lessons — parcourir toutes les leçons
    /lesson NOM — ouvrir une leçon, par exemple /lesson calls
    /lesson — reprendre là où vous en étiez
    /search MOTS — chercher des leçons sur n’importe quel sujet, par exemple /search téléphone saisi
    /saved — les leçons enregistrées avec ☆
    /language — changer de langue
    /progress — voir ce que vous avez lu
    /forget — effacer tout ce qui est enregistré sur vous

    Parasol n’enregistre que votre identifiant Telegram, votre langue et votre progression.

lessons-title = Leçons ({ $page }/{ $pages }) :
lessons-empty = Il n’y a pas encore de leçons.
browse-previous = ◀ Précédent
browse-next = Suivant ▶

lesson-next = ▶ Continuer ({ $page }/{ $total })
lesson-done = ✅ Terminé
lesson-finished = Bravo, vous avez terminé « { $title } ».
lesson-next-suggestion = Leçon suivante :
lesson-fallback-note = Cette leçon n’est pas encore traduite dans votre langue ; la voici en { $language }.
lesson-not-found = Je n’ai trouvé aucune leçon intitulée « { $query } ».
lesson-suggest = Vouliez-vous dire :
lesson-see-all = Tapez /lessons pour toutes les voir.
lesson-ambiguous = Plusieurs leçons correspondent à « { $query } ». Laquelle voulez-vous ?
lesson-nothing-to-continue = Vous n’avez pas encore commencé de leçon. Tapez /lessons pour en choisir une.
lesson-query-too-long = C’est trop long pour un nom de leçon. Essayez /lesson calls.

progress-title = Votre progression :
progress-line = { $title } : { $read }/{ $total }
progress-completed = { $title } : ✅ terminée
progress-empty = Vous n’avez encore ouvert aucune leçon. Essayez /lesson calls.

forget-confirm = Effacer tout ce que Parasol enregistre sur vous (langue, progression, listes de contrôle, leçons enregistrées et leçon du jour) ? Cette action est irréversible.
forget-yes = Oui, effacer
forget-no = Non, conserver
forget-done = C’est fait. Plus rien n’est enregistré sur vous. Envoyez /start pour recommencer.
forget-cancelled = Rien n’a été effacé.

unknown-command = Je ne connais pas cette commande. Tapez /help pour voir ce que je sais faire.
unknown-text = Tapez /lesson suivi d’un sujet, par exemple /lesson calls, ou /help.
button-expired = Ce bouton n’est plus valide. Tapez /lessons pour continuer.
too-fast = Vous envoyez des messages très vite ; merci de patienter un instant.
private-only = Je fonctionne uniquement en conversation privée : ouvrez une conversation avec moi pour lire les leçons.
error-generic = Un problème est survenu de mon côté. Veuillez réessayer dans un instant.

cmd-daily = Une leçon chaque jour
daily-status-on = Vous recevez une leçon chaque jour à { $time } ({ $zone }).
daily-status-off = Voulez-vous recevoir une leçon chaque jour, à l’heure de votre choix ?
daily-subscribe = 📬 Oui, une leçon par jour
daily-unsubscribe = Arrêter la leçon quotidienne
daily-change-hour = 🕘 Changer l’heure
daily-change-zone = 🌍 Changer de fuseau horaire
daily-pick-zone = Dans quel fuseau horaire êtes-vous ? Si le vôtre n’est pas dans la liste, tapez /daily zone suivi de son nom, par exemple /daily zone Africa/Kinshasa.
daily-pick-hour = À quelle heure voulez-vous la recevoir ({ $zone }) ?
daily-subscribed = C’est fait : une leçon chaque jour à { $time } ({ $zone }). Tapez /daily pour modifier ce réglage.
daily-unsubscribed = La leçon quotidienne est arrêtée. Tapez /daily pour la réactiver.
daily-zone-unknown = Je ne connais pas le fuseau horaire « { $zone } ». Les noms ressemblent à Europe/Paris ou America/Bogota. Choisissez-en un :
daily-hour-invalid = L’heure doit être un nombre de 0 à 23, par exemple /daily hour 8.
daily-offer = Voulez-vous recevoir une leçon chaque jour ? Vous pourrez modifier ce choix à tout moment avec /daily.

# lesson tree and checklists
lesson-next-segment = ▶ { $title } ({ $page }/{ $total })
tree-read = ▶ Lire
tree-all-lessons = ⬆ Toutes les leçons
checklist-progress = { $done } sur { $total } faits
progress-checklist = ☑ { $title } : { $done }/{ $total }
progress-checklist-done = ☑ { $title } : ✅ tout est fait

# stats
stats =
    Statistiques de Parasol (totaux uniquement)
    Utilisateurs : { $users } ({ $reachable } joignables)
    Actifs ces 7 derniers jours : { $activeWeek }
    Abonnés à la leçon du jour : { $subscribers }
    Ont lu une leçon aujourd’hui (UTC) : { $readersToday }
    Leçons du jour aujourd’hui : { $dailySent } envoyées, { $dailyFailed } en échec, { $dailyPending } en attente
    Erreurs depuis le démarrage (il y a { $hours } h) : { $errors }

# search and bookmarks
cmd-search = Chercher dans les leçons : /search téléphone
cmd-saved = Vos leçons enregistrées
search-usage = Écrivez ce que vous cherchez après /search, par exemple /search téléphone saisi. Vous pouvez aussi simplement m’envoyer quelques mots.
search-no-words = Je ne peux chercher que des mots. Envoyez-en quelques-uns, par exemple : téléphone saisi.
search-nothing = Je n’ai rien trouvé sur « { $query } ». Essayez d’autres mots, ou tapez /lessons pour voir toutes les leçons.
search-results = Leçons sur « { $query } » ({ $page }/{ $pages })
search-in-language = en { $language }
bookmark-add = ☆ Enregistrer
bookmark-remove = ★ Enregistrée
bookmark-added = Enregistrée. Tapez /saved pour la retrouver.
bookmark-removed = Retirée de vos leçons enregistrées.
saved-title = Vos leçons enregistrées ({ $page }/{ $pages }). ✕ en retire une.
saved-empty = Vous n’avez encore enregistré aucune leçon. Touchez ☆ Enregistrer sous une leçon pour la garder ici.
inline-open = 📖 Ouvrir toute la leçon
