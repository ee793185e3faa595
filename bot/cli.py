"""The `aiguillage` command: parses arguments, loads settings, calls the right assembly.

Diagnostic commands print one JSON line per answer (a stable contract: scripts and checks read
it); errors print one line on stderr and exit 2: a bad argument, a bad setting, a database out of
reach, Telegram out of reach or refusing the token (never printed).
"""

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from telegram.helpers import create_deep_linked_url

from bot import migrate
from bot.database import make_engine, make_sessionmaker
from bot.i18n import load_catalogs
from bot.offline_api import html_to_text
from bot.settings import Settings, SettingsError
from handlers.context import Tr
from handlers.render import slot_import as import_report
from knowledge import french, service_state
from knowledge.catalogue_index import load_structure_index
from knowledge.commune_matcher import load_commune_matcher
from knowledge.demo_catalogue import load_demo_catalogue
from knowledge.gazetteer import load_gazetteer
from knowledge.nearest_help import DEFAULT_RADIUS_KM, HelpAnswer, find_help
from knowledge.need_classifier import NeedClassifier
from knowledge.place_files import FileFormat, Placer, UnreadableFile, read_place_file
from knowledge.place_import import ImportReport, import_places
from knowledge.places import find_places
from knowledge.service_state import BOT_USERNAME
from knowledge.themes import THEMES, theme_by_slug
from scheduling.advisor_models import NotificationLevel
from scheduling.demo_slots import retire_demo_slots
from scheduling.errors import ImportConflict
from scheduling.exports import export_rows, to_csv, to_xlsx
from scheduling.slot_import import apply_plan, plan_file
from scheduling.staff import DEFAULT_INVITATION_DAYS, UnknownPlaces, invite_advisor


class UsageError(Exception):
    """A bad argument: reported as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, whose errors are one line (a UsageError) rather than the usage and a line."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


# Ids are 64-bit signed integers in the database (Telegram's user ids take up to 52 bits).
MAX_ID = 2**63 - 1


def _whole(low: int, high: int = MAX_ID) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if number < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {number}")
        if number > high:
            raise argparse.ArgumentTypeError(f"must be at most {high}, not {number}")
        return number

    return parse


def _distance(value: str) -> float:
    """An argparse type: a distance in km, zero or more."""
    number = _coordinate(value)
    if not 0 <= number < math.inf:
        raise argparse.ArgumentTypeError(f"must be a distance in km, 0 or more, not {value}")
    return number


def _queries(query: str | None, stdin: TextIO) -> Iterator[str]:
    if query is not None:
        yield query
    else:
        for line in stdin:
            yield line.rstrip("\n")


def _departments(value: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in value.split(",") if code.strip())


def find_commune(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    matcher = load_commune_matcher()
    territory = args.departments if args.departments is not None else _territory_from_env()
    for query in _queries(args.query, stdin):
        found = matcher.find(query, territory=territory, limit=args.limit)
        candidates = [
            {
                "insee": c.insee,
                "name": c.name,
                "department": c.department,
                "score": c.score,
                "ambiguous": c.ambiguous,
            }
            for c in found
        ]
        print(json.dumps(candidates, ensure_ascii=False), file=stdout, flush=True)


def classify_need(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    classifier = NeedClassifier.from_themes(THEMES)
    for query in _queries(args.query, stdin):
        match = classifier.classify(query)
        answer = (
            {"theme": match.theme, "score": round(match.score, 2)}
            if match
            else {
                "theme": None,
                "score": 0.0,
            }
        )
        print(json.dumps(answer, ensure_ascii=False), file=stdout, flush=True)


def nearest(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    gazetteer = load_gazetteer()
    if theme_by_slug(args.theme) is None:
        known = ", ".join(theme.slug for theme in THEMES)
        raise UsageError(f"unknown theme {args.theme!r} (one of: {known})")
    commune = None
    if args.commune is not None:
        commune = gazetteer.get(args.commune)
        if commune is None:
            raise UsageError(f"unknown INSEE code {args.commune!r}")
        lat, lon = commune.lat, commune.lon
    else:
        lat, lon = args.lat, args.lon
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            raise UsageError(f"bad coordinates {lat}, {lon}")
        commune = gazetteer.nearest_commune(lat, lon)
    engine = migrate.open_database(_database_url())
    try:
        with Session(engine) as session, session.begin():
            load_demo_catalogue(session, gazetteer)  # only into an empty catalogue
            answer = find_help(
                session, load_structure_index(session), lat=lat, lon=lon, theme=args.theme,
                commune=gazetteer.town_hall_of(commune, lat, lon), k=args.limit,
                radius_km=args.radius, now=datetime.now(UTC),
            )  # fmt: skip
    finally:
        engine.dispose()
    print(json.dumps(help_as_json(answer), ensure_ascii=False), file=stdout)


def help_as_json(answer: HelpAnswer) -> list[dict]:
    """The structures found, or in their stead the town hall and the national helpline."""
    entries: list[dict] = [
        {
            "kind": "structure",
            "id": place.structure_id,
            "name": place.name,
            "typology": str(place.typology),
            "address": place.address,
            "postal_code": place.postal_code,
            "commune": place.commune_insee,
            "phone": place.phone,
            "email": place.email,
            "website": place.website,
            "lat": place.lat,
            "lon": place.lon,
            "distance_km": round(place.distance_km, 2),
            "open_now": place.opening.is_open if place.opening else None,
            "next_change": (
                place.opening.next_change.isoformat()
                if place.opening and place.opening.next_change
                else None
            ),
            "programmes": sorted(str(p) for p in place.programmes),
            "demo": place.is_demo,
            "approximate": place.approximate,
        }
        for place in answer.structures
    ]
    if answer.town_hall:
        hall = answer.town_hall
        entries.append(
            {
                "kind": "town_hall",
                "name": "Mairie " + french.de(hall.commune_name),
                "commune": hall.commune_insee,
                "address": hall.townhall.address,
                "phone": hall.townhall.phone,
                "email": hall.townhall.email,
                "website": hall.townhall.website,
                "lat": hall.lat,
                "lon": hall.lon,
                "distance_km": round(hall.distance_km, 2),
                "open_now": hall.opening.is_open if hall.opening else None,
            }
        )
    if answer.helpline:
        entries.append(
            {
                "kind": "helpline",
                "name": answer.helpline.name,
                "phone": answer.helpline.phone,
                "website": answer.helpline.website,
                "distance_km": None,
            }
        )
    return entries


def _settings(*, require_token: bool = False) -> Settings:
    try:
        return Settings.from_env(os.environ, require_token=require_token)
    except SettingsError as error:
        raise UsageError(str(error)) from None


def _territory_from_env() -> tuple[str, ...]:
    return _settings().territory


def _database_url() -> str:
    return _settings().database_url


def chat(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    from bot.console import run_console

    return run_console(_settings(), stdin, stdout)


def run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    from bot.application import run_polling

    settings = _settings(require_token=True)
    try:
        if args.webhook:
            from bot.webhook import serve_webhook

            serve_webhook(settings, host=args.host, port=args.port, log_format=args.log_format)
        else:
            run_polling(settings, log_format=args.log_format)
    except SettingsError as error:  # Telegram refused the token
        raise UsageError(str(error)) from None


def doctor(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """What is fine, then one line per problem; 1 when there is one."""
    import asyncio

    from bot.doctor import diagnose

    fine, problems = asyncio.run(diagnose(os.environ))
    for line in fine:
        print(line, file=stdout)
    for line in problems:
        print(f"problem: {line}", file=stdout)
    return 1 if problems else 0


def web(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    from bot.web_app import serve

    serve(_settings(), host=args.host, port=args.port)


def link_advisor_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """Link an advisor to their Telegram account, and set what they are told (until the admin
    flow exists)."""
    from scheduling.advisors import Linked, LinkRefused, link_advisor, set_notification_level

    engine = migrate.open_database(_database_url())
    try:
        with make_sessionmaker(engine).begin() as session:
            outcome = link_advisor(
                session, advisor_id=args.advisor_id, telegram_user_id=args.telegram_id
            )
            if isinstance(outcome, Linked) and args.notifications:
                set_notification_level(
                    session, advisor_id=args.advisor_id, level=args.notifications
                )
    finally:
        engine.dispose()
    if outcome == LinkRefused.UNKNOWN_ADVISOR:
        raise UsageError(f"link-advisor: no advisor with id {args.advisor_id}")
    if outcome == LinkRefused.TELEGRAM_ID_TAKEN:
        raise UsageError(
            f"link-advisor: Telegram id {args.telegram_id} is already linked to another advisor"
        )
    assert isinstance(outcome, Linked)
    answer = {"advisor_id": outcome.advisor_id, "telegram_user_id": outcome.telegram_user_id}
    if args.notifications:
        answer["notifications"] = str(args.notifications)
    print(json.dumps(answer), file=stdout, flush=True)


def places(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """The catalogue's places and their ids, as the other commands take them."""
    engine = migrate.open_database(_database_url())
    try:
        with Session(engine) as session:
            found = find_places(
                session,
                load_gazetteer(),
                commune=args.commune,
                search=args.search,
                limit=args.limit,
            )
    finally:
        engine.dispose()
    print(json.dumps([asdict(place) for place in found], ensure_ascii=False), file=stdout)


# The format a file's extension says, when --format does not.
FORMATS_BY_EXTENSION = {".csv": FileFormat.MEDNUM, ".json": FileFormat.DATA_INCLUSION}


class ProgressBar:
    """One line redrawn on a terminal: `lecture [########------------] 8,000/20,000`."""

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream, self._label = stream, label

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self._stream.write(f"\r{self._label} [{bar}] {done:,}/{total:,}")
        self._stream.flush()

    def end(self) -> None:
        self._stream.write("\n")
        self._stream.flush()


def import_places_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """Bring the catalogue in line with a national file of places (LaMednum or data·inclusion)."""
    path = Path(args.file)
    file_format = args.format or FORMATS_BY_EXTENSION.get(path.suffix.lower())
    if file_format is None:
        raise UsageError(
            f"import-places: {path.name}: say --format mednum or --format data-inclusion"
        )
    show_progress = not args.json and sys.stderr.isatty()
    reading = ProgressBar(sys.stderr, "lecture") if show_progress else None
    gazetteer = load_gazetteer()
    try:
        place_file = read_place_file(path, FileFormat(file_format), Placer(gazetteer), reading)
    except UnreadableFile as error:
        raise UsageError(f"import-places: {error}") from None
    finally:
        if reading:
            reading.end()
    comparing = ProgressBar(sys.stderr, "catalogue") if show_progress else None
    engine = migrate.open_database(_database_url())
    try:
        with make_sessionmaker(engine).begin() as session:
            report = import_places(
                session, place_file, gazetteer, dry_run=args.dry_run, progress=comparing
            )
            if not args.dry_run:
                # The demo places closed with the first real one: their dates go with them.
                retire_demo_slots(session, now=datetime.now(UTC))
    except IntegrityError:
        # Another import added the same (source, id) meanwhile: this one wrote nothing.
        raise UsageError(
            "import-places: the catalogue changed during the import (another import?); "
            "nothing was saved: run it again"
        ) from None
    finally:
        engine.dispose()
        if comparing:
            comparing.end()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False), file=stdout)
    else:
        print(_import_summary(report, dry_run=args.dry_run), file=stdout)


def _import_summary(report: ImportReport, *, dry_run: bool) -> str:
    lines = [
        f"{report.created} créé(s), {report.updated} mis à jour, {report.unchanged} inchangé(s), "
        f"{report.closed} fermé(s), {len(report.rejected)} ligne(s) rejetée(s)"
    ]
    lines += [
        f"  ligne {rejected.line}"
        + (f" (id {rejected.id})" if rejected.id else "")
        + f" : {rejected.reason}"
        for rejected in report.rejected
    ]
    if dry_run:
        lines.append("Essai : rien n'a été enregistré.")
    return "\n".join(lines)


def invite_advisor_command(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """A single-use link that makes whoever opens it an advisor of the places given."""
    first_name, _, last_name = args.name.strip().partition(" ")
    if not first_name:
        raise UsageError("invite-advisor: --name must give at least a first name")
    settings = _settings()
    engine = migrate.open_database(settings.database_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            username = service_state.read(session, BOT_USERNAME) or settings.bot_username
            if username is None:
                raise UsageError(
                    "invite-advisor: the bot's username is unknown: run `aiguillage run` once, "
                    "or set TELEGRAM_BOT_USERNAME"
                )
            try:
                invited = invite_advisor(
                    session,
                    structure_ids=args.structure,
                    first_name=first_name,
                    last_name=last_name.strip(),
                    now=datetime.now(UTC),
                    valid_for=timedelta(days=args.valid_days),
                )
            except UnknownPlaces as error:
                ids = ", ".join(str(id_) for id_ in error.args[0])
                raise UsageError(
                    f"invite-advisor: no place with id {ids} (see `aiguillage places`)"
                ) from None
    finally:
        engine.dispose()
    answer = {
        "link": create_deep_linked_url(username, invited.token),
        "expires_at": invited.expires_at.isoformat(),
    }
    print(json.dumps(answer), file=stdout)


def export_bookings(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """The bookings of the sessions of a period (and one place), as CSV or XLSX."""
    if args.to < args.start:
        raise UsageError("export-bookings: --to is before --from")
    output = Path(args.output) if args.output else None
    file_format = args.format or ("xlsx" if output and output.suffix.lower() == ".xlsx" else "csv")
    if file_format == "xlsx" and output is None:
        raise UsageError("export-bookings: an XLSX file needs --output FILE")
    engine = migrate.open_database(_database_url())
    try:
        with Session(engine) as session:
            rows = export_rows(
                session, load_gazetteer(), start=args.start, end=args.to,
                structure_id=args.structure,
            )  # fmt: skip
    except UnknownPlaces:
        raise UsageError(
            f"export-bookings: no place with id {args.structure} (see `aiguillage places`)"
        ) from None
    finally:
        engine.dispose()
    content = to_xlsx(rows) if file_format == "xlsx" else to_csv(rows)
    if output is None:
        stdout.write(content.decode("utf-8"))
        stdout.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as error:
        raise UsageError(f"export-bookings: cannot write {output}: {error.strerror}") from None
    print(json.dumps({"rows": len(rows), "file": str(output)}, ensure_ascii=False), file=stdout)


def import_slots(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Load a spreadsheet of sessions, all or nothing: exit 0 when applied (or valid, with
    --dry-run), 2 when refused, with every problem."""
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise UsageError(f"import-slots: cannot read {args.file}: {error.strerror}") from None
    settings = _settings()
    now = datetime.now(UTC)
    engine = migrate.open_database(settings.database_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            # The operator of the command line may act on every place (actor None).
            plan = plan_file(session, content, actor=None, now=now)
            if plan.valid and not args.dry_run:
                apply_plan(session, plan, now=now, policy=settings.policy)
    except ImportConflict:
        raise UsageError(
            "import-slots: a session changed during the import (a booking, a move): nothing was "
            "applied, run it again"
        ) from None
    finally:
        engine.dispose()
    # The coordinators' language: the report reads as the bot's does.
    tr = Tr.of(load_catalogs(("fr",))["fr"], "fr")
    if args.json:
        print(json.dumps(import_report.as_json(plan, tr), ensure_ascii=False), file=stdout)
    else:
        if not plan.valid:
            screen = import_report.refused(plan, path.name, tr, budget=None)
        elif args.dry_run:
            screen = import_report.dry_run(plan, path.name, tr, staged_id=None)
        else:
            screen = import_report.applied(plan, path.name, tr)
        print(html_to_text(screen.text), file=stdout)
    return 0 if plan.valid else 2


def db_upgrade(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    """Bring the database to this version's schema (safe to repeat)."""
    engine = make_engine(_database_url())
    try:
        upgraded = migrate.upgrade(engine)
    finally:
        engine.dispose()
    print(json.dumps({"from": upgraded.before, "to": upgraded.after}), file=stdout)


def db_current(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
    engine = make_engine(_database_url())
    try:
        revision = migrate.current(engine)
    finally:
        engine.dispose()
    head = migrate.head()
    answer = {"revision": revision, "head": head, "up_to_date": revision == head}
    print(json.dumps(answer), file=stdout)


def _coordinate(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


def _day(value: str) -> date:
    """An argparse type: a day, AAAA-MM-JJ or JJ/MM/AAAA."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a day (AAAA-MM-JJ or JJ/MM/AAAA): {value!r}")


MAX_VALID_DAYS = 3660  # ten years: past that, a date overflows long before it matters


def parser() -> argparse.ArgumentParser:
    root = Parser(prog="aiguillage", description="Aiguillage, l'assistant")
    commands = root.add_subparsers(dest="command", required=True)

    command = commands.add_parser("chat", help="the conversation in the terminal (no token)")
    command.set_defaults(run=chat)

    command = commands.add_parser("run", help="the bot on Telegram (long polling, or webhook)")
    command.add_argument(
        "--webhook", action="store_true",
        help="serve Telegram's webhook (and the dashboard) instead of polling",
    )  # fmt: skip
    command.add_argument("--host", default="127.0.0.1", help="with --webhook; default: 127.0.0.1")
    command.add_argument(
        "--port", type=_whole(1, 65535), default=8000, help="with --webhook; default: 8000"
    )
    command.add_argument("--log-format", choices=["text", "json"], default="text")
    command.set_defaults(run=run)

    command = commands.add_parser(
        "doctor", help="check settings, database, token and webhook; one line per problem"
    )
    command.set_defaults(run=doctor)

    command = commands.add_parser("web", help="the web dashboard for advisors and coordinators")
    command.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    command.add_argument("--port", type=_whole(1, 65535), default=8000, help="default: 8000")
    command.set_defaults(run=web)

    command = commands.add_parser("find-commune", help="communes for what a resident typed")
    command.add_argument("query", nargs="?", help="without it: one query per line on stdin")
    command.add_argument("--departments", type=_departments, help="served, e.g. 82,47")
    command.add_argument("--limit", type=_whole(1), default=5)
    command.set_defaults(run=find_commune)

    command = commands.add_parser("classify-need", help="the theme of what a resident typed")
    command.add_argument("query", nargs="?", help="without it: one query per line on stdin")
    command.set_defaults(run=classify_need)

    command = commands.add_parser("nearest", help="the nearest host structures for a theme")
    where = command.add_mutually_exclusive_group(required=True)
    where.add_argument("--commune", metavar="INSEE")
    where.add_argument("--lat", type=_coordinate)
    command.add_argument("--lon", type=_coordinate)
    command.add_argument("--theme", required=True)
    command.add_argument("--limit", type=_whole(1), default=3)
    command.add_argument("--radius", type=_distance, default=DEFAULT_RADIUS_KM, metavar="KM")
    command.set_defaults(run=nearest)

    command = commands.add_parser("link-advisor", help="link an advisor to a Telegram account")
    command.add_argument("--advisor-id", type=_whole(1), required=True, metavar="N")
    command.add_argument("--telegram-id", type=_whole(1), required=True, metavar="T")
    command.add_argument(
        "--notifications", type=NotificationLevel, choices=list(NotificationLevel),
        help="what the advisor is told: every change, same-day changes only, or nothing",
    )  # fmt: skip
    command.set_defaults(run=link_advisor_command)

    command = commands.add_parser("places", help="the catalogue's places and their ids")
    command.add_argument("--commune", metavar="INSEE")
    command.add_argument("--search", metavar="TEXT", help="words of the name or the commune")
    command.add_argument("--limit", type=_whole(1), default=50)
    command.set_defaults(run=places)

    command = commands.add_parser(
        "import-places",
        help="the national catalogue of places, from a LaMednum or data·inclusion file",
    )
    command.add_argument("file", metavar="FILE")
    command.add_argument(
        "--format", choices=[str(f) for f in FileFormat],
        help="default: from the extension (.csv mednum, .json data-inclusion)",
    )  # fmt: skip
    command.add_argument(
        "--dry-run", action="store_true", help="say what would change, change nothing"
    )
    command.add_argument("--json", action="store_true", help="print only the report, as JSON")
    command.set_defaults(run=import_places_command)

    command = commands.add_parser("invite-advisor", help="a single-use link for a new advisor")
    command.add_argument(
        "--structure", type=_whole(1), action="append", required=True, metavar="ID"
    )
    command.add_argument("--name", required=True, metavar='"Prénom Nom"')
    command.add_argument(
        "--valid-days", type=_whole(1, MAX_VALID_DAYS), default=DEFAULT_INVITATION_DAYS, metavar="N"
    )
    command.set_defaults(run=invite_advisor_command)

    command = commands.add_parser("import-slots", help="load a spreadsheet of sessions (CSV, XLSX)")
    command.add_argument("file", metavar="FILE")
    command.add_argument("--dry-run", action="store_true", help="what would change; nothing does")
    command.add_argument("--json", action="store_true", help="one JSON object: counts and errors")
    command.set_defaults(run=import_slots)

    command = commands.add_parser(
        "export-bookings", help="the bookings of a period's sessions, as CSV or XLSX"
    )
    command.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE")
    command.add_argument("--to", type=_day, required=True, metavar="DATE")
    command.add_argument("--structure", type=_whole(1), metavar="ID", help="one place only")
    command.add_argument(
        "--format", choices=["csv", "xlsx"], help="default: from --output's extension, else csv"
    )
    command.add_argument("--output", metavar="FILE", help="default: stdout (CSV only)")
    command.set_defaults(run=export_bookings)

    db = commands.add_parser("db", help="the database's schema version")
    db = db.add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="upgrade to this version (back up first)").set_defaults(
        run=db_upgrade
    )
    db.add_parser("current", help="the database's revision and this version's")
    db.choices["current"].set_defaults(run=db_current)
    return root


def main(
    argv: Sequence[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    try:
        args = parser().parse_args(argv)
        if getattr(args, "lat", None) is not None and args.lon is None:
            raise UsageError("nearest: --lat needs --lon (see `aiguillage nearest --help`)")
        run: Callable[[argparse.Namespace, TextIO, TextIO], int | None] = args.run
        return run(args, stdin, stdout) or 0
    except (UsageError, SettingsError, migrate.SchemaError) as error:
        print(f"aiguillage: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        # The server out of reach, a password refused, a lock held too long: the driver's first
        # line says which (the statement's parameters are hidden, see bot.database).
        reason = str(error.orig or error).strip().splitlines()[0]
        print(
            f"aiguillage: the database (DATABASE_URL) failed: {reason}; is it running and "
            "reachable?",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
