"""The screens of /nouvelle_seance: one question per message, buttons for the usual answers, a
way back and a way out on each, then a summary to confirm.

Pure functions: the handler (`handlers.new_session`) works out the dates, the options and what
went wrong; here they become words in the staff member's language.
"""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import Enum, StrEnum

from handlers.callback_data import (
    NewBack,
    NewCancel,
    NewCapacity,
    NewCreate,
    NewDay,
    NewDuration,
    NewKind,
    NewPlace,
    NewRepeat,
    NewRestart,
    NewStart,
    NewTheme,
    NewThemesDone,
    NewTitleSuggested,
    NewUntil,
)
from handlers.context import SessionDraft, Tr
from handlers.formatting import calendar_day, clock, esc, time_of
from handlers.render import Screen, button, in_rows, keyboard, theme_label
from knowledge.themes import THEMES
from scheduling.local_time import local_date
from scheduling.models import WorkshopKind
from scheduling.sessions import MAX_CAPACITY, SessionRefused

DURATIONS = (60, 90, 120, 180)
CAPACITIES = (1, 4, 6, 8, 10, 12)
STARTS = (time(9), time(10), time(11), time(14), time(15), time(16))
REPEATS = (0, 1, 2)
# Dates shown in full in the summary; a longer series shows its first ones and its last.
DATES_SHOWN = 6


class Problem(StrEnum):
    """What was typed or pressed that cannot be taken, said before the question again (with the
    refusals of `scheduling.sessions`, which say the rest)."""

    USE_THE_BUTTONS = "use_the_buttons"
    PLACE_NOT_FOUND = "place_not_found"
    DATE_NOT_UNDERSTOOD = "date_not_understood"
    TIME_NOT_UNDERSTOOD = "time_not_understood"
    DURATION_NOT_UNDERSTOOD = "duration_not_understood"
    SUMMARY_CHANGED = "summary_changed"


class Period(Enum):
    """The usual ends of a series, offered as buttons."""

    FOUR_WEEKS = 4
    EIGHT_WEEKS = 8
    END_OF_MONTH = "month"
    END_OF_QUARTER = "quarter"


def problem(which: Problem | SessionRefused, tr: Tr) -> str:
    """One kind sentence for what went wrong (a refusal of `scheduling.sessions` included)."""
    _ = tr.gettext
    texts = {
        Problem.USE_THE_BUTTONS: _("Touchez un des boutons ci-dessous."),
        Problem.PLACE_NOT_FOUND: _(
            "Aucun lieu ne correspond : essayez d'autres lettres de son nom ou de sa commune."
        ),
        Problem.DATE_NOT_UNDERSTOOD: _(
            "Je n'ai pas compris cette date. Écrivez par exemple « jeudi 14h », "
            "« 12/01 9h30 » ou « demain 10h »."
        ),
        Problem.TIME_NOT_UNDERSTOOD: _(
            "Je n'ai pas compris cette heure. Écrivez par exemple « 14h », « 9h30 » ou « 14:30 »."
        ),
        Problem.DURATION_NOT_UNDERSTOOD: _(
            "Je n'ai pas compris cette durée. Écrivez par exemple « 45 min », « 1h30 » ou « 2h »."
        ),
        Problem.SUMMARY_CHANGED: _("Ce résumé n'est plus à jour. Le voici tel qu'il est :"),
        SessionRefused.UNKNOWN_PLACE: _("Ce lieu n'existe plus : choisissez-en un autre."),
        SessionRefused.PLACE_CLOSED: _(
            "Ce lieu est fermé : on ne peut plus y ajouter de séance. Choisissez-en un autre."
        ),
        SessionRefused.NO_THEME: _("Choisissez au moins un thème."),
        SessionRefused.UNKNOWN_THEME: _("Un de ces thèmes n'existe plus : choisissez à nouveau."),
        SessionRefused.NO_TITLE: _("Il faut un titre, de 200 caractères au plus."),
        SessionRefused.IN_THE_PAST: _("Cette date est déjà passée : choisissez-en une à venir."),
        SessionRefused.BAD_DURATION: _("Une séance dure de 5 minutes à 12 heures."),
        SessionRefused.BAD_CAPACITY: _("Écrivez un nombre de places, de 1 à {max}.").format(
            max=MAX_CAPACITY
        ),
        SessionRefused.BAD_REPETITION: _(
            "La dernière date ne peut pas précéder la première séance."
        ),
        SessionRefused.TOO_MANY: _(
            "Cela ferait plus d'un an de séances : choisissez une date de fin plus proche."
        ),
    }
    return texts[which]


def duration_label(minutes: int, tr: Tr) -> str:
    """ "45 min", "1 h", "1 h 30"."""
    _ = tr.gettext
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes:02d}").format(hours=hours, minutes=rest)


def seats_label(count: int, tr: Tr) -> str:
    return tr.ngettext("{count} place", "{count} places", count).format(count=count)


def sessions_label(count: int, tr: Tr) -> str:
    return tr.ngettext("{count} séance", "{count} séances", count).format(count=count)


def kind_label(kind: str, tr: Tr) -> str:
    _ = tr.gettext
    if kind == WorkshopKind.INDIVIDUAL:
        return _("👤 Rendez-vous individuel")
    return _("🎓 Atelier collectif")


def repeat_label(every_weeks: int, tr: Tr) -> str:
    _ = tr.gettext
    if every_weeks == 0:
        return _("Une seule fois")
    if every_weeks == 1:
        return _("Chaque semaine")
    return tr.ngettext(
        "Toutes les {count} semaine", "Toutes les {count} semaines", every_weeks
    ).format(count=every_weeks)


def suggested_title(themes: Sequence[str], tr: Tr) -> str:
    """The themes' labels, without their emoji: "Impôts en ligne, CAF et aides"."""
    return ", ".join(theme_label(theme, tr).split(" ", 1)[1] for theme in themes)


def _screen(
    lines: Sequence[str], rows: list[list], *, intro: str | None, back: int | None, tr: Tr
) -> Screen:
    """The question (after what went wrong, if anything), its buttons, then back and out."""
    _ = tr.gettext
    footer = [button(_("❌ Annuler"), NewCancel())]
    if back is not None:
        footer.insert(0, button(_("⬅️ Retour"), NewBack(back)))
    text = "\n".join([f"⚠️ {intro}", ""] * bool(intro) + list(lines))
    return Screen(text, keyboard(*rows, footer))


# --- the questions --------------------------------------------------------------------------------


def ask_place(
    places: Sequence[tuple[int, str]],
    *,
    can_search: bool,
    tr: Tr,
    intro: str | None = None,
) -> Screen:
    """The first question: the staff member's places as buttons; a coordinator may type."""
    _ = tr.gettext
    lines = [_("📝 <b>Nouvelle séance</b>")]
    if places:
        lines.append(_("Dans quel lieu ?"))
    if can_search:
        lines.append(_("Écrivez quelques lettres du nom du lieu ou de sa commune."))
    rows = [[button(esc(name), NewPlace(place_id))] for place_id, name in places]
    return _screen(lines, rows, intro=intro, back=None, tr=tr)


def ask_kind(place_name: str, *, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    _ = tr.gettext
    lines = [
        _("📝 <b>Nouvelle séance</b>"),
        f"🏠 {esc(place_name)}",
        _("Un atelier collectif ou un rendez-vous individuel ?"),
    ]
    rows = [[button(kind_label(kind, tr), NewKind(kind.value))] for kind in WorkshopKind]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


def ask_themes(
    chosen: Sequence[str], *, tr: Tr, back: int | None, intro: str | None = None
) -> Screen:
    _ = tr.gettext
    lines = [_("Sur quels thèmes ? Touchez-en un ou plusieurs, puis « Continuer ».")]
    themes = [
        button(("✅ " if t.slug in chosen else "") + theme_label(t.slug, tr), NewTheme(t.slug))
        for t in THEMES
    ]
    rows = [*in_rows(themes, 2), [button(_("Continuer ➡️"), NewThemesDone())]]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


def ask_title(
    themes: Sequence[str], *, tr: Tr, back: int | None, intro: str | None = None
) -> Screen:
    _ = tr.gettext
    lines = [_("Quel titre ? Écrivez-le, ou touchez le bouton.")]
    suggestion = _("Utiliser : {title}").format(title=suggested_title(themes, tr))
    rows = [[button(suggestion, NewTitleSuggested())]]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


def ask_day(today: date, *, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    """Today, tomorrow and the days of the coming week; or the day and time typed."""
    _ = tr.gettext
    lines = [
        _("Quel jour ? Touchez-le, ou écrivez le jour et l'heure : « jeudi 14h », « 12/01 9h30 »."),
    ]
    labels = [_("Aujourd'hui"), _("Demain")]
    days = [today + timedelta(days=n) for n in range(8)]
    buttons = [
        button(
            labels[n] if n < len(labels) else calendar_day(day, tr, short=True), NewDay(str(day))
        )
        for n, day in enumerate(days)
    ]
    return _screen(lines, in_rows(buttons, 2), intro=intro, back=back, tr=tr)


def ask_start(day: date, *, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    _ = tr.gettext
    lines = [
        _("{day} : à quelle heure ? Touchez-la, ou écrivez-la : « 14h30 ».").format(
            day=calendar_day(day, tr).capitalize()
        )
    ]
    buttons = [button(clock(t, tr), NewStart(t.hour * 60 + t.minute)) for t in STARTS]
    return _screen(lines, in_rows(buttons, 3), intro=intro, back=back, tr=tr)


def ask_duration(*, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    _ = tr.gettext
    lines = [_("Combien de temps dure la séance ? Touchez, ou écrivez : « 45 min », « 1h30 ».")]
    buttons = [button(duration_label(m, tr), NewDuration(m)) for m in DURATIONS]
    return _screen(lines, [buttons], intro=intro, back=back, tr=tr)


def ask_capacity(*, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    _ = tr.gettext
    lines = [_("Combien de places ? Touchez, ou écrivez un nombre.")]
    buttons = [button(str(n), NewCapacity(n)) for n in CAPACITIES]
    return _screen(lines, in_rows(buttons, 3), intro=intro, back=back, tr=tr)


def ask_repeat(*, tr: Tr, back: int | None, intro: str | None = None) -> Screen:
    _ = tr.gettext
    lines = [_("Une seule fois, ou toutes les semaines ?")]
    rows = [[button(repeat_label(n, tr), NewRepeat(n))] for n in REPEATS]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


def ask_until(
    options: Sequence[tuple[Period, date, int]],
    *,
    tr: Tr,
    back: int | None,
    intro: str | None = None,
) -> Screen:
    """The usual ends of the series, each with its last day and how many sessions it makes."""
    _ = tr.gettext
    names = {
        Period.FOUR_WEEKS: _("4 semaines"),
        Period.EIGHT_WEEKS: _("8 semaines"),
        Period.END_OF_MONTH: _("Fin du mois"),
        Period.END_OF_QUARTER: _("Fin du trimestre"),
    }
    lines = [_("Jusqu'à quand ? Touchez, ou écrivez la date de la dernière séance : « 30/06 ».")]
    rows = [
        [
            button(
                _("{period} → {day}").format(
                    period=names[period], day=calendar_day(day, tr, short=True)
                )
                + f" · {sessions_label(count, tr)}",
                NewUntil(str(day)),
            )
        ]
        for period, day, count in options
    ]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


# --- the summary and the end ----------------------------------------------------------------------


def _day(day: date, today: date, tr: Tr) -> str:
    """ "jeudi 6 mars"; "lundi 12 janvier 2026" in another year than today's."""
    return calendar_day(day, tr, with_year=day.year != today.year)


def _dates(starts: Sequence[datetime], timezone: str, tr: Tr) -> str:
    days = [calendar_day(local_date(start, timezone), tr, short=True) for start in starts]
    if len(days) > DATES_SHOWN:
        return ", ".join(days[: DATES_SHOWN - 2]) + " … " + days[-1]
    return ", ".join(days)


def summary(
    draft: SessionDraft,
    starts: Sequence[datetime],
    *,
    today: date,
    check: int,
    tr: Tr,
    back: int | None,
    intro: str | None = None,
) -> Screen:
    """Everything in one message, the dates listed, and "Créer"."""
    _ = tr.gettext
    assert draft.timezone and draft.kind and draft.title and draft.minutes and draft.capacity
    timezone = draft.timezone
    lines = [
        _("📝 <b>Nouvelle séance : vérifiez avant de créer</b>"),
        f"🏠 {esc(draft.place_name)}",
        f"{kind_label(draft.kind, tr)} : {esc(draft.title)}",
        "🏷 " + ", ".join(theme_label(theme, tr) for theme in draft.themes),
        "🕑 "
        + ", ".join(
            (
                _("{date} à {time}").format(
                    date=_day(local_date(starts[0], timezone), today, tr),
                    time=time_of(starts[0], timezone, tr),
                ),
                duration_label(draft.minutes, tr),
                seats_label(draft.capacity, tr),
            )
        ),
    ]
    if draft.every_weeks and draft.until:
        lines.append(
            _("🔁 {repeat} jusqu'au {day}").format(
                repeat=repeat_label(draft.every_weeks, tr),
                day=_day(date.fromisoformat(draft.until), today, tr),
            )
        )
    lines.append(f"📅 {sessions_label(len(starts), tr)} : {_dates(starts, timezone, tr)}")
    rows = [
        [button(_("✅ Créer"), NewCreate(check))],
        [button(_("✏️ Recommencer"), NewRestart())],
    ]
    return _screen(lines, rows, intro=intro, back=back, tr=tr)


def created(
    count: int, *, title: str, place_name: str, themes_added: Sequence[str], tr: Tr
) -> Screen:
    _ = tr.gettext
    lines = [
        tr.ngettext(
            "✅ {count} séance créée ({place}) : « {title} ».",
            "✅ {count} séances créées ({place}) : « {title} ».",
            count,
        ).format(count=count, title=esc(title), place=esc(place_name)),
        _("Les habitants peuvent réserver dès maintenant."),
    ]
    if themes_added:
        lines.append(
            _("🏷 Ce lieu propose désormais aussi : {themes}.").format(
                themes=", ".join(theme_label(theme, tr) for theme in themes_added)
            )
        )
    lines.append(_("Pour en ajouter une autre : /nouvelle_seance"))
    return Screen("\n".join(lines))


def cancelled(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("Ajout de séance annulé : rien n'a été créé."))


def not_in_progress(tr: Tr) -> Screen:
    """A button of a dialogue that is over (finished, cancelled, or expired)."""
    _ = tr.gettext
    return Screen(
        _(
            "Cet ajout de séance n'est plus en cours : rien n'a été créé avec ce bouton. "
            "Pour ajouter une séance : /nouvelle_seance"
        )
    )


def no_place(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "Vous n'êtes rattaché à aucun lieu ouvert : demandez à votre coordinateur de vous y "
            "inviter."
        )
    )
