"""The plan of a spreadsheet of sessions, as the staff read it: in the bot, on the command line
(its text, or `as_json`) and on the dashboard. Pure functions of the plan and the language.

The dry run and the result read alike: the counts, then each session moved or cancelled (those
whose participants are told). A refused file lists every problem, line by line, in the words of
`problem_reason`, the same sentence the JSON gives.
"""

from handlers.callback_data import ApplyImport, DropImport
from handlers.context import Tr
from handlers.formatting import esc, when, when_short
from handlers.render import Screen, button, keyboard
from scheduling.slot_import import (
    COLUMNS,
    Change,
    Checked,
    ImportPlan,
    PlannedSession,
    Problem,
    Reason,
)

BUDGET = 3000
"""Characters of listed sessions or problems in one message (Telegram takes 4,096 at most)."""


def problem_reason(problem: Problem, tr: Tr) -> str:
    """What is wrong, in a plain sentence (no HTML): the JSON's `reason`."""
    _ = tr.gettext
    if problem.reason is Reason.UNDER_BOOKED:
        return tr.ngettext(
            "{number} place est déjà prise à la séance du {when} : la capacité ne peut pas être "
            "plus petite",
            "{number} places sont déjà prises à la séance du {when} : la capacité ne peut pas "
            "être plus petite",
            problem.number or 0,
        ).format(number=problem.number, when=_when(problem, tr))
    sentences = {
        Reason.NOT_UTF8: _(
            "le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » ou en XLSX"
        ),
        Reason.NOT_A_SPREADSHEET: _(
            "ce fichier n'est ni un CSV ni un classeur XLSX (un ancien .xls ? enregistrez-le en "
            "XLSX)"
        ),
        Reason.NO_ROWS: _(
            "le fichier ne donne aucune séance : les en-têtes en ligne 1, une séance par ligne "
            "ensuite"
        ),
        Reason.TOO_MANY_ROWS: _("plus de {number} lignes : découpez le fichier"),
        Reason.MISSING_COLUMN: _("la colonne « {column} » manque"),
        Reason.DUPLICATE_COLUMN: _("la colonne « {column} » apparaît deux fois"),
        Reason.EMPTY: _("la case est vide"),
        Reason.ID_TOO_LONG: _("l'identifiant dépasse {number} caractères"),
        Reason.DUPLICATE_ID: _(
            "l'identifiant « {value} » est déjà celui de la ligne {number}, au même lieu"
        ),
        Reason.UNKNOWN_PLACE: _(
            "aucun lieu n'a le numéro « {value} » (la liste : aiguillage places)"
        ),
        Reason.PLACE_CLOSED: _("le lieu « {value} » est fermé"),
        Reason.NOT_YOUR_PLACE: _(
            "vous ne gérez pas le lieu « {value} » : seul un coordinateur peut y ajouter des "
            "séances"
        ),
        Reason.UNKNOWN_THEME: _("thème inconnu : « {value} »"),
        Reason.TITLE_TOO_LONG: _("le titre dépasse {number} caractères"),
        Reason.BAD_DATE: _("« {value} » n'est pas une date (JJ/MM/AAAA ou AAAA-MM-JJ)"),
        Reason.BAD_TIME: _("« {value} » n'est pas une heure (HH:MM ou 14h30)"),
        Reason.END_BEFORE_START: _("la fin n'est pas après le début"),
        Reason.BAD_DURATION: _("une séance dure de 5 minutes à 12 heures"),
        Reason.BAD_CAPACITY: _("« {value} » n'est pas un nombre de places de 1 à {number}"),
        Reason.BAD_KIND: _("« {value} » n'est pas un type : atelier ou rendez-vous"),
        Reason.UNKNOWN_ADVISOR: _("aucun conseiller ne s'appelle « {value} » ni n'a ce numéro"),
        Reason.SAME_NAME_ADVISORS: _(
            "plusieurs conseillers s'appellent « {value} » : donnez son numéro"
        ),
        Reason.BAD_REPETITION: _(
            "« {value} » n'est pas une répétition : vide, « hebdomadaire » ou « toutes les N "
            "semaines »"
        ),
        Reason.NO_END_DATE: _("une répétition a besoin de sa dernière date"),
        Reason.END_DATE_WITHOUT_REPETITION: _(
            "une dernière date sans répétition : donnez la répétition ou videz la case"
        ),
        Reason.END_BEFORE_FIRST: _("la dernière date est avant la première séance"),
        Reason.TOO_MANY_SESSIONS: _("plus de {number} séances : vérifiez la dernière date"),
        Reason.IN_THE_PAST: _(
            "la séance du {when} serait dans le passé : on ne peut plus l'ajouter ni l'y déplacer"
        ),
        Reason.PAST_CHANGED: _(
            "la séance du {when} a déjà commencé : elle ne peut plus changer (pour changer la "
            "suite d'une série commencée, finissez-la avec « jusqu_au » et ajoutez une ligne)"
        ),
    }
    return sentences[problem.reason].format(
        value=problem.value,
        number=problem.number,
        column=problem.column,
        when=_when(problem, tr),
    )


def _when(problem: Problem, tr: Tr) -> str:
    if problem.starts_at is None or problem.timezone is None:
        return ""
    return when(problem.starts_at, problem.timezone, tr)


def problem_line(problem: Problem, tr: Tr) -> str:
    """ "Ligne 3, colonne « debut » : …" (plain text)."""
    _ = tr.gettext
    if problem.column is None:
        where = _("Ligne {line}").format(line=problem.line)
    else:
        where = _("Ligne {line}, colonne « {column} »").format(
            line=problem.line, column=problem.column
        )
    return _("{where} : {reason}").format(where=where, reason=problem_reason(problem, tr))


def as_json(plan: ImportPlan, tr: Tr) -> dict:
    """`aiguillage import-slots --json`: the counts (0 when refused) and every problem."""
    counts = {change.value: plan.count(change) for change in Change}
    return {
        **{key: counts[key] for key in ("created", "updated", "moved", "unchanged", "cancelled")},
        "people_affected": plan.people_affected,
        "errors": [
            {"line": p.line, "column": p.column, "reason": problem_reason(p, tr)}
            for p in plan.problems
        ],
    }


def file_report(checked: Checked, tr: Tr) -> Screen:
    """What the bot answers a file: its problems, or its dry run with "Appliquer"."""
    if not checked.plan.valid:
        return refused(checked.plan, checked.file_name, tr)
    return dry_run(checked.plan, checked.file_name, tr, staged_id=checked.staged_id)


def refused(plan: ImportPlan, file_name: str, tr: Tr, *, budget: int | None = BUDGET) -> Screen:
    _ = tr.gettext
    heading = tr.ngettext(
        "❌ <b>{name}</b> : rien n'a changé, {count} problème à corriger avant de le renvoyer :",
        "❌ <b>{name}</b> : rien n'a changé, {count} problèmes à corriger avant de le renvoyer :",
        len(plan.problems),
    ).format(name=esc(file_name), count=len(plan.problems))
    lines = [f"• {esc(problem_line(problem, tr))}" for problem in plan.problems]
    return Screen("\n".join([heading, *_capped(lines, budget, tr)]))


def dry_run(plan: ImportPlan, file_name: str, tr: Tr, *, staged_id: int | None) -> Screen:
    """The plan before it is applied: with the buttons when the bot keeps the file
    (`staged_id`), as a trial on the command line without."""
    _ = tr.gettext
    if not plan.changes_anything:
        return Screen(
            tr.ngettext(
                "✔️ <b>{name}</b> : rien ne change, {count} séance déjà au planning.",
                "✔️ <b>{name}</b> : rien ne change, {count} séances déjà au planning.",
                len(plan.sessions),
            ).format(name=esc(file_name), count=len(plan.sessions))
        )
    heading = _("📋 <b>{name}</b> : voici ce que l'import changerait.").format(name=esc(file_name))
    text = "\n".join([heading, "", *_summary(plan, tr)])
    if staged_id is None:
        return Screen(text + "\n\n" + _("🔎 Essai : rien n'a été modifié."))
    question = _(
        "Le fichier fait foi pour les lieux qu'il nomme : ce qui a été changé dans le bot "
        "depuis le dernier import est défait. Appliquer ?"
    )
    buttons = keyboard(
        [
            button(_("✅ Appliquer"), ApplyImport(staged_id, plan.digest)),
            button(_("🗑 Abandonner"), DropImport(staged_id)),
        ]
    )
    return Screen(text + "\n\n" + question, buttons)


def applied(plan: ImportPlan, file_name: str, tr: Tr) -> Screen:
    _ = tr.gettext
    heading = _("✅ <b>{name}</b> : c'est appliqué.").format(name=esc(file_name))
    return Screen("\n".join([heading, "", *_summary(plan, tr)]))


def changed_since(checked: Checked, tr: Tr) -> Screen:
    """ "Appliquer" pressed, but the plan is no longer the one shown: the new one."""
    _ = tr.gettext
    report = file_report(checked, tr)
    note = _("⚠️ Le planning a changé depuis cet essai : rien n'a été appliqué. Le voici à jour.")
    return Screen(note + "\n\n" + report.text, report.markup)


def _summary(plan: ImportPlan, tr: Tr) -> list[str]:
    _ = tr.gettext
    labels = {
        Change.CREATED: _("➕ Nouvelles séances : {count}"),
        Change.UPDATED: _("✏️ Séances modifiées : {count}"),
        Change.MOVED: _("🕑 Séances déplacées : {count}"),
        Change.CANCELLED: _("✖️ Séances annulées : {count}"),
        Change.UNCHANGED: _("▫️ Séances inchangées : {count}"),
    }
    lines = [
        label.format(count=plan.count(change))
        for change, label in labels.items()
        if plan.count(change)
    ]
    if plan.people_affected:
        lines.append(
            _("👥 Personnes inscrites prévenues : {count}").format(count=plan.people_affected)
        )
    told = [
        _session_line(planned, tr)
        for planned in plan.sessions
        if planned.change in (Change.MOVED, Change.CANCELLED)
    ]
    if told:
        lines += ["", *_capped(told, BUDGET, tr)]
    return lines


def _session_line(planned: PlannedSession, tr: Tr) -> str:
    _ = tr.gettext
    at = when_short(planned.starts_at, planned.timezone, tr)
    what = f"{esc(planned.title)}, {esc(planned.place)}"
    if planned.change is Change.MOVED and planned.was_starts_at is not None:
        was = when_short(planned.was_starts_at, planned.timezone, tr)
        line = _("🕑 {what} : {was} → {now}").format(what=what, was=was, now=at)
    else:
        line = _("✖️ {what} : {when}").format(what=what, when=at)
    if planned.booked:
        line += " — " + tr.ngettext("{count} inscrit", "{count} inscrits", planned.booked).format(
            count=planned.booked
        )
    return line


def _capped(lines: list[str], budget: int | None, tr: Tr) -> list[str]:
    """As many lines as fit in `budget` characters, then how many more there are."""
    if budget is None:
        return lines
    kept, used = [], 0
    for line in lines:
        if used + len(line) > budget:
            more = len(lines) - len(kept)
            return [*kept, tr.gettext("… et {count} de plus").format(count=more)]
        kept.append(line)
        used += len(line) + 1
    return kept


# --- the words around the file ------------------------------------------------------------------


def resident_document(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "📄 Je ne sais pas lire les fichiers. Dites-moi en quelques mots ce dont vous avez "
            "besoin, ou tapez /start."
        )
    )


def not_a_spreadsheet(tr: Tr) -> Screen:
    _ = tr.gettext
    columns = ", ".join(COLUMNS)
    return Screen(
        _(
            "📄 Pour ajouter des séances, envoyez un tableau en CSV (UTF-8) ou en XLSX, avec ces "
            "colonnes : {columns}."
        ).format(columns=columns)
    )


def too_big(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("📄 Ce fichier est trop gros (plus de 1 Mo) : découpez-le."))


def dropped(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(_("🗑 Fichier abandonné : rien n'a changé."))


def not_staged(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _("Ce fichier n'est plus en attente (appliqué, remplacé ou trop ancien) : renvoyez-le.")
    )


def conflict(tr: Tr) -> Screen:
    _ = tr.gettext
    return Screen(
        _(
            "⚠️ Une séance a changé pendant l'import (une réservation, un déplacement) : rien "
            "n'a été appliqué. Appuyez de nouveau sur « Appliquer »."
        )
    )
