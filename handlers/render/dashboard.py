"""/tableau's answers: the login link to the web dashboard, or why there is none."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.context import Tr
from handlers.render import Screen


def login_link(url: str, tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "🖥 Votre lien vers le tableau de bord : il sert une seule fois, dans les 10 minutes. "
            "Ne le transférez à personne. Pour un nouveau lien : /tableau"
        ),
        InlineKeyboardMarkup([[InlineKeyboardButton(_("🖥 Ouvrir le tableau de bord"), url=url)]]),
    )


def no_public_url(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "🖥 Le tableau de bord web n'est pas encore ouvert ici : son adresse n'est pas "
            "configurée (AIGUILLAGE_PUBLIC_URL). Demandez-la à la personne qui installe le bot ; "
            "en attendant, /planning et /nouvelle_seance marchent ici."
        )
    )
