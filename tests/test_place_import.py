"""`aiguillage import-places`: the national catalogue of places comes in, row by row.

The LaMednum standard's own valid example (tests/data/mednum-exemple-valide.csv, see
tests/data/SOURCES.md), files written here from the standard with the quirks real files have,
data·inclusion files; closing by source and département, one place for two sources, the demo
retiring. Every test runs on SQLite and on PostgreSQL, through the command as staff run it.
"""

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from offline_bot import NOW, OfflineBot
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot.cli import main
from bot.database import make_sessionmaker
from knowledge.catalogue import HostStructure, Mode, PlaceSource, Programme, Typology
from knowledge.demo_catalogue import load_demo_catalogue
from knowledge.gazetteer import load_gazetteer
from knowledge.place_edits import edit_place, place_card
from knowledge.service_state import catalogue_version
from scheduling.booking import book_seat
from scheduling.demo_slots import generate_demo_slots
from scheduling.models import Booking, BookingStatus, Slot, SlotStatus, Workshop
from scheduling.residents import ensure_resident

DATA = Path(__file__).with_name("data")
# The columns of the standard v1.0.x, in its order.
COLUMNS_V1 = [
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "typologie", "telephone", "courriels",
    "site_web", "horaires", "presentation_resume", "presentation_detail", "source", "itinerance",
    "structure_parente", "date_maj", "services", "publics_specifiquement_adresses",
    "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux",
    "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
]  # fmt: skip
COLUMNS_V0 = [
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "cle_ban", "typologie", "telephone",
    "courriel", "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
    "structure_parente", "date_maj", "services", "publics_accueillis", "conditions_acces",
    "labels_nationaux", "labels_autres", "modalites_accompagnement", "accessibilite", "prise_rdv",
]  # fmt: skip


def lieu(source_id: str, nom: str, commune: str, code_postal: str, **fields: str) -> dict:
    """A valid row of the standard, at its town hall's address unless told otherwise."""
    return {
        "id": source_id,
        "pivot": "21820112300016",
        "nom": nom,
        "commune": commune,
        "code_postal": code_postal,
        "adresse": "1 place de la Mairie",
        "date_maj": "2025-01-15",
        "services": "Aide aux démarches administratives",
        **fields,
    }


def write_csv(
    path: Path,
    rows: list[dict],
    *,
    columns: list[str] = COLUMNS_V1,
    delimiter: str = ",",
    bom: bool = False,
    header: dict[str, str] | None = None,
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([(header or {}).get(column, column) for column in columns])
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")
    return path


def structure(source_id: str, nom: str, **fields) -> dict:
    """A data·inclusion v1 structure."""
    found = {"id": source_id, "source": "mediation-numerique", "nom": nom, "date_maj": "2025-02-14"}
    return found | fields


def service(structure_id: str, *thematiques: str, **fields) -> dict:
    return {
        "id": f"{structure_id}--service",
        "source": "mediation-numerique",
        "structure_id": structure_id,
        "nom": "Accompagnement numérique",
        "description": "Aide aux démarches en ligne.",
        "date_maj": "2025-02-14",
        "thematiques": list(thematiques),
    } | fields


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def db(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def run(database_url, monkeypatch, capsys):
    """Runs `aiguillage import-places FILE --json …`: (exit status, report or error line)."""
    monkeypatch.setenv("DATABASE_URL", database_url)

    def run_import(path: Path, *options: str) -> tuple[int, dict | str]:
        out = io.StringIO()
        status = main(["import-places", str(path), "--json", *options], stdout=out)
        if status:
            return status, capsys.readouterr().err
        return status, json.loads(out.getvalue())

    return run_import


def place(db, source_id: str) -> HostStructure:
    """The place published under `source_id` (any source), with its sources loaded."""
    with db() as session:
        return session.scalars(
            select(HostStructure)
            .join(PlaceSource)
            .where(PlaceSource.source_id == source_id)
            .options(
                selectinload(HostStructure.sources),
                selectinload(HostStructure._themes),
                selectinload(HostStructure._programmes),
                selectinload(HostStructure._modes),
            )
        ).one()


def count_places(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(HostStructure))


# --- the formats ----------------------------------------------------------------------------------


def test_the_standard_s_own_example_imports(run, db):
    status, report = run(DATA / "mednum-exemple-valide.csv")

    assert status == 0
    assert report == {"created": 1, "updated": 0, "unchanged": 0, "closed": 0, "rejected": []}
    anonymal = place(db, "structure-1")
    assert [(s.source, s.source_id) for s in anonymal.sources] == [("mednum", "structure-1")]
    assert (anonymal.name, anonymal.commune_insee, anonymal.postal_code) == (
        "Anonymal",
        "51454",
        "51100",
    )
    assert anonymal.address == "12 BIS RUE DE LECLERCQ, 51100 Reims"
    assert (anonymal.lat, anonymal.lon, anonymal.approximate) == (43.52609, 5.41423, False)
    assert anonymal.phone == "+33180059880" and anonymal.email == "contact@laquincaillerie.tl"
    assert anonymal.opening_hours == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"
    assert anonymal.booking_url == "https://www.rdv-solidarites.fr/"
    assert anonymal.themes == {"courriel", "equipement", "achats", "emploi"}
    assert anonymal.programmes == {
        Programme.AIDANTS_CONNECT,
        Programme.CONSEILLERS_NUMERIQUES,
        Programme.CROIX_ROUGE,
    }
    assert anonymal.modes == {
        Mode.WALK_IN, Mode.PHONE, Mode.WORKSHOP, Mode.REMOTE, Mode.SELF_SERVICE, Mode.INDIVIDUAL,
    }  # fmt: skip
    assert anonymal.itinerant and anonymal.individual_help and not anonymal.appointment_only


def test_a_file_as_real_producers_write_it_imports_row_by_row(run, db, tmp_path):
    # A BOM, ";" between columns, a header in capitals, "," and ";" between values, a cell over
    # two lines, a row with no INSEE code and no point; and rows that break the standard.
    path = write_csv(
        tmp_path / "lieux.csv",
        [
            lieu(
                "moissac-fs", "France services de Moissac", "Moissac", "82200",
                code_insee="82112", latitude="44.1052", longitude="1.0851",
                services="Aide aux démarches administratives,Utilisation sécurisée du numérique",
                dispositif_programmes_nationaux="France Services;Conseillers numériques",
                itinerance="Fixe",
                presentation_detail="Accueil au rez-de-chaussée.\nAscenseur.",
                horaires="Mo-Fr 09:00-12:00",
                telephone="05 63 04 01 85",  # as people write it: read as +33563040185
            ),
            # No INSEE code (82100 serves nine communes), no point, hours no parser reads.
            lieu(
                "castel-cs", "Centre social de Castelsarrasin", "Castelsarrasin", "82100",
                adresse="4 rue de la Paix", horaires="le mardi matin, sur rendez-vous",
                modalites_acces="Téléphoner, Prendre un RDV en ligne",
            ),
            lieu("bad-cp", "Mauvais code postal", "Moissac", "8220"),
            # The description's spelling, not the pattern's: not a value of the standard.
            lieu("bad-service", "Lieu", "Moissac", "82200",
                 services="Comprehension du monde numérique"),
            lieu("bad-phone", "Lieu", "Moissac", "82200", telephone="appelez la mairie"),
            lieu("moissac-fs", "Deux fois le même id", "Moissac", "82200"),
            lieu("nowhere", "Nulle part", "Nulle-Part", "99999"),
        ],
        delimiter=";",
        bom=True,
        header={"itinerance": "Itinerance", "nom": "NOM"},
    )  # fmt: skip

    status, report = run(path)

    assert status == 0
    assert (report["created"], report["updated"], report["unchanged"]) == (2, 0, 0)
    assert [(r["line"], r["id"]) for r in report["rejected"]] == [
        (4, "bad-cp"),
        (5, "bad-service"),
        (6, "bad-phone"),
        (7, "moissac-fs"),
        (8, "nowhere"),
    ]
    reasons = [r["reason"] for r in report["rejected"]]
    assert reasons[0] == "code_postal « 8220 » : 5 chiffres attendus"
    assert "« Comprehension du monde numérique » n'est pas une valeur du standard" in reasons[1]
    assert "telephone « appelez la mairie »" in reasons[2]
    assert reasons[3] == "id « moissac-fs » déjà vu ligne 2"
    assert reasons[4].startswith("commune introuvable")

    moissac = place(db, "moissac-fs")
    assert moissac.themes >= {"impots", "caf", "securite"}
    assert moissac.programmes == {Programme.FRANCE_SERVICES, Programme.CONSEILLERS_NUMERIQUES}
    assert not moissac.itinerant and not moissac.approximate
    assert moissac.phone == "+33563040185"
    castel = place(db, "castel-cs")
    gazetteer = load_gazetteer()
    town_hall = gazetteer.get("82033")
    assert castel.commune_insee == "82033" and castel.postal_code == "82100"
    assert (castel.lat, castel.lon, castel.approximate) == (town_hall.lat, town_hall.lon, True)
    assert castel.opening_hours == "le mardi matin, sur rendez-vous"
    assert castel.modes == {Mode.PHONE, Mode.ONLINE_BOOKING} and castel.appointment_only


def test_a_v0_1_file_imports(run, db, tmp_path):
    path = write_csv(
        tmp_path / "lieux-v0.csv",
        [
            lieu(
                "v0-1", "Espace numérique de Caussade", "Caussade", "82300",
                code_insee="82037", latitude="44.1585", longitude="1.5400",
                services="Accompagner les démarches de santé;Prendre en main un ordinateur",
                publics_accueillis="Seniors (+ 65 ans);Adultes",
                labels_nationaux="CNFS;Point numérique CAF;APTIC",
                modalites_accompagnement=(
                    "Avec de l'aide : je suis accompagné seul dans l'usage du numérique"
                ),
                courriel="contact@caussade.example",
            ),
            lieu("v0-2", "Sans services", "Caussade", "82300", services=""),
        ],
        columns=COLUMNS_V0,
        delimiter=";",
    )  # fmt: skip

    status, report = run(path)

    assert status == 0 and report["created"] == 1
    assert report["rejected"] == [{"line": 3, "id": "v0-2", "reason": "services manquant"}]
    caussade = place(db, "v0-1")
    assert caussade.programmes == {Programme.CONSEILLERS_NUMERIQUES, Programme.POINT_NUMERIQUE_CAF}
    assert "sante" in caussade.themes and "equipement" in caussade.themes
    assert caussade.individual_help and caussade.email == "contact@caussade.example"


def test_a_data_inclusion_file_imports_its_digital_places(run, db, tmp_path):
    path = write_json(
        tmp_path / "data-inclusion.json",
        {
            "structures": [
                structure(
                    "mediation-numerique--agen-1", "Espace numérique d'Agen",
                    code_insee="47001", code_postal="47000", commune="Agen",
                    adresse="8 rue Molinier", latitude=44.2035, longitude=0.6170,
                    horaires_accueil="Tu-Sa 10:00-18:00", reseaux_porteurs=["france-service"],
                ),
                structure("dora--banque-alimentaire", "Banque alimentaire d'Agen",
                          code_insee="47001"),
                structure("dora--sans-nom", "", code_insee="47001"),
                "pas une structure",
            ],
            "services": [
                service(
                    "mediation-numerique--agen-1",
                    "numerique--acceder-a-des-services-en-ligne",
                    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
                    modes_mobilisation=["telephoner", "utiliser-lien-mobilisation"],
                    lien_mobilisation="https://rdv.example/agen", type="accompagnement",
                ),
                service("dora--banque-alimentaire", "equipement-et-alimentation--alimentation"),
            ],
        },
    )  # fmt: skip

    status, report = run(path)

    assert status == 0 and report["created"] == 1
    assert report["rejected"] == [
        {
            "line": 2,
            "id": "dora--banque-alimentaire",
            "reason": "aucun service numérique (thématique numerique--)",
        },
        {"line": 3, "id": "dora--sans-nom", "reason": "nom manquant"},
        {"line": 4, "id": None, "reason": "structure illisible (pas un objet JSON)"},
    ]
    agen = place(db, "mediation-numerique--agen-1")
    assert [s.source for s in agen.sources] == ["data-inclusion"]
    assert agen.address == "8 rue Molinier, 47000 Agen" and agen.timezone == "Europe/Paris"
    assert {"impots", "caf", "emploi"} <= agen.themes
    assert agen.programmes == {Programme.FRANCE_SERVICES}
    assert agen.booking_url == "https://rdv.example/agen"
    assert agen.appointment_only and agen.individual_help

    # A bare array of structures says nothing of services: every valid one comes in.
    bare = write_json(
        tmp_path / "structures.json",
        [structure("dora--cs-agen", "Centre social d'Agen", code_insee="47001")],
    )
    status, report = run(bare)
    assert status == 0 and report["created"] == 1
    assert place(db, "dora--cs-agen").approximate


@pytest.mark.parametrize(
    ("name", "content", "options", "error"),
    [
        ("absent.csv", None, (), "absent.csv"),
        ("lieux.txt", "id,nom", (), "--format"),
        ("lieux.csv", "identifiant;nom\n1;Lieu\n", (), "colonne(s) id, pivot"),
        ("lieux.json", '{"lieux": []}', (), "pas un fichier data·inclusion"),
        ("lieux.json", "{pas du JSON", (), "JSON illisible"),
        ("lieux.txt", '{"lieux": []}', ("--format", "data-inclusion"), "data·inclusion"),
    ],
)
def test_a_file_that_cannot_be_read_or_recognised_exits_2(
    run, db, tmp_path, name, content, options, error
):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")

    status, message = run(path, *options)

    assert status == 2 and error in message and len(message.splitlines()) == 1
    assert count_places(db) == 0


def test_a_dry_run_says_what_would_change_and_changes_nothing(run, db):
    version = catalogue_version_of(db)

    status, report = run(DATA / "mednum-exemple-valide.csv", "--dry-run")

    assert status == 0 and report["created"] == 1
    assert count_places(db) == 0 and catalogue_version_of(db) == version


def test_without_json_staff_read_a_summary_and_each_rejected_row(
    database_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    path = write_csv(
        tmp_path / "lieux.csv",
        [
            lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112"),
            lieu("m-2", "Sans date", "Moissac", "82200", date_maj="02/04/2024"),
        ],
    )
    out = io.StringIO()

    assert main(["import-places", str(path), "--dry-run"], stdout=out) == 0

    assert out.getvalue().splitlines() == [
        "1 créé(s), 0 mis à jour, 0 inchangé(s), 0 fermé(s), 1 ligne(s) rejetée(s)",
        "  ligne 3 (id m-2) : date_maj « 02/04/2024 » : date AAAA-MM-JJ attendue",
        "Essai : rien n'a été enregistré.",
    ]


def catalogue_version_of(db) -> int:
    with db() as session:
        return catalogue_version(session)


# --- re-imports and closing -----------------------------------------------------------------------


def test_a_re_import_changes_nothing_and_an_edited_row_updates_its_place(run, db, tmp_path):
    rows = [
        lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112"),
        lieu("m-2", "CCAS de Moissac", "Moissac", "82200", code_insee="82112"),
    ]
    path = write_csv(tmp_path / "lieux.csv", rows)
    assert run(path)[1]["created"] == 2
    version = catalogue_version_of(db)
    with db() as session:
        stamps = session.execute(select(HostStructure.id, HostStructure.updated_at)).all()

    status, report = run(path)

    assert status == 0
    assert report == {"created": 0, "updated": 0, "unchanged": 2, "closed": 0, "rejected": []}
    assert catalogue_version_of(db) == version
    with db() as session:
        assert session.execute(select(HostStructure.id, HostStructure.updated_at)).all() == stamps

    rows[1]["telephone"] = "+33563040185"
    report = run(write_csv(path, rows))[1]
    assert (report["updated"], report["unchanged"]) == (1, 1)
    assert place(db, "m-2").phone == "+33563040185" and catalogue_version_of(db) > version


def test_a_field_a_coordinator_edited_is_kept_over_a_re_import_beside_the_files_value(
    run, db, tmp_path
):
    rows = [lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112",
                 telephone="+33563040100", horaires="Mo-Fr 09:00-12:00")]  # fmt: skip
    path = write_csv(tmp_path / "lieux.csv", rows)
    run(path)
    place_id = place(db, "m-1").id
    with db.begin() as session:
        problems = edit_place(
            session, place_id=place_id, values={"phone": "05 63 04 01 85"}, now=NOW
        )
    assert problems is None

    rows[0]["telephone"] = "+33563049999"
    rows[0]["horaires"] = "Mo-Sa 09:00-12:00"
    status, report = run(write_csv(path, rows))

    assert status == 0 and report["updated"] == 1
    edited = place(db, "m-1")
    assert edited.phone == "05 63 04 01 85"  # the coordinator's
    assert edited.opening_hours == "Mo-Sa 09:00-12:00"  # not edited: the file's
    with db() as session:
        card = place_card(session, load_gazetteer(), place_id=place_id)
    assert card.imported == {"phone": "+33563049999"}
    assert card.values["phone"] == "05 63 04 01 85"

    # Set back to the file's value, the phone follows the files again.
    with db.begin() as session:
        edit_place(session, place_id=place_id, values={"phone": "+33563049999"}, now=NOW)
    rows[0]["telephone"] = "+33563040185"
    run(write_csv(path, rows))
    assert place(db, "m-1").phone == "+33563040185"


def test_a_file_closes_what_it_no_longer_lists_in_its_departements_only(run, db, tmp_path):
    moissac = lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112")
    caussade = lieu("c-1", "Espace France services de Caussade", "Caussade", "82300",
                    code_insee="82037")  # fmt: skip
    agen = lieu("a-1", "Médiathèque d'Agen", "Agen", "47000", code_insee="47001")
    assert run(write_csv(tmp_path / "france.csv", [moissac, caussade, agen]))[1]["created"] == 3
    # data·inclusion lists a place in Caussade too; LaMednum's files never close it.
    other = write_json(
        tmp_path / "di.json",
        [structure("dora--mjc", "MJC de Caussade", code_insee="82037", adresse="9 rue Haute")],
    )
    assert run(other)[1]["created"] == 1

    # A file of Tarn-et-Garonne (82) without Caussade's place: it closes; Agen's (47) stays.
    status, report = run(write_csv(tmp_path / "82.csv", [moissac]))

    assert status == 0
    assert report == {"created": 0, "updated": 0, "unchanged": 1, "closed": 1, "rejected": []}
    assert place(db, "c-1").closed and not place(db, "a-1").closed
    assert not place(db, "dora--mjc").closed and not place(db, "m-1").closed
    with db() as session:
        listed = dict(session.execute(select(PlaceSource.source_id, PlaceSource.listed)).all())
    assert listed == {"m-1": True, "c-1": False, "a-1": True, "dora--mjc": True}

    # Listed again, it reopens: the same place, never a new one.
    status, report = run(write_csv(tmp_path / "82.csv", [moissac, caussade]))
    assert (report["updated"], report["unchanged"], report["closed"]) == (1, 1, 0)
    assert not place(db, "c-1").closed and count_places(db) == 4


def test_a_row_that_breaks_the_standard_does_not_close_its_place(run, db, tmp_path):
    rows = [
        lieu("m-1", "Médiathèque de Moissac", "Moissac", "82200", code_insee="82112"),
        lieu("m-2", "CCAS de Moissac", "Moissac", "82200", code_insee="82112"),
    ]
    run(write_csv(tmp_path / "lieux.csv", rows))
    rows[1]["code_postal"] = "822"

    report = run(write_csv(tmp_path / "lieux.csv", rows))[1]

    assert (report["closed"], len(report["rejected"])) == (0, 1)
    assert not place(db, "m-2").closed


# --- one place, two sources -----------------------------------------------------------------------


def test_the_same_place_from_two_sources_is_one_place_open_while_either_lists_it(run, db, tmp_path):
    mednum = write_csv(
        tmp_path / "lieux.csv",
        [
            lieu(
                "lm-42", "Médiathèque municipale de Moissac", "Moissac", "82200",
                code_insee="82112", adresse="12 rue de la Solidarité",
                latitude="44.1050", longitude="1.0850", telephone="+33563040185",
            ),
        ],
    )  # fmt: skip
    assert run(mednum)[1]["created"] == 1
    # The same médiathèque some 20 m away in data·inclusion, spelt otherwise; and the France
    # services desk in the same building, which is another place.
    data_inclusion = write_json(
        tmp_path / "di.json",
        {
            "structures": [
                structure(
                    "mediation-numerique--mm", "Médiathèque de Moissac", code_insee="82112",
                    code_postal="82200", commune="Moissac", adresse="12 Rue de la Solidarite",
                    latitude=44.1051, longitude=1.0852, telephone="05 63 04 01 85",
                ),
                structure(
                    "mediation-numerique--fs", "France services de Moissac", code_insee="82112",
                    code_postal="82200", commune="Moissac", adresse="12 rue de la Solidarité",
                    latitude=44.1050, longitude=1.0850,
                ),
            ],
            "services": [
                service("mediation-numerique--mm", "numerique--acquerir-un-equipement"),
                service("mediation-numerique--fs", "numerique--acceder-a-des-services-en-ligne"),
            ],
        },
    )  # fmt: skip

    status, report = run(data_inclusion)

    assert status == 0 and (report["created"], report["updated"]) == (1, 1)
    merged = place(db, "lm-42")
    assert [(s.source, s.source_id) for s in merged.sources] == [
        ("mednum", "lm-42"),
        ("data-inclusion", "mediation-numerique--mm"),
    ]
    # Its first source says what it is.
    assert merged.phone == "+33563040185" and merged.name == "Médiathèque municipale de Moissac"
    assert place(db, "mediation-numerique--fs").id != merged.id and count_places(db) == 2
    assert run(data_inclusion)[1] == {
        "created": 0, "updated": 0, "unchanged": 2, "closed": 0, "rejected": [],
    }  # fmt: skip

    # LaMednum drops it: data·inclusion still lists it, it stays open.
    other = lieu("lm-7", "CCAS de Moissac", "Moissac", "82200", code_insee="82112")
    report = run(write_csv(mednum, [other]))[1]
    assert report["closed"] == 0 and not place(db, "lm-42").closed
    # data·inclusion then speaks for the place: its fields follow.
    assert run(data_inclusion)[1]["updated"] == 1
    assert place(db, "lm-42").phone == "05 63 04 01 85"
    # data·inclusion drops it too: it closes.
    only_fs = json.loads(data_inclusion.read_text())
    only_fs["structures"], only_fs["services"] = only_fs["structures"][1:], only_fs["services"][1:]
    report = run(write_json(data_inclusion, only_fs))[1]
    assert report["closed"] == 1 and place(db, "lm-42").closed


# --- the demo retires -----------------------------------------------------------------------------


def test_the_demo_retires_once_real_places_come_in(run, db):
    now = datetime.now(UTC)
    with db.begin() as session:
        demo_places = load_demo_catalogue(session, load_gazetteer())
        generate_demo_slots(session, now=now)
        slot_id = session.scalars(
            select(Slot.id).where(Slot.starts_at > now + timedelta(days=1)).order_by(Slot.id)
        ).first()
        martine = ensure_resident(
            session, telegram_user_id=9001, first_name="Martine", language="fr", now=now
        )
        book_seat(session, slot_id=slot_id, resident_id=martine.id, now=now)

    status, report = run(DATA / "mednum-exemple-valide.csv")

    assert status == 0 and (report["created"], report["closed"]) == (1, demo_places)
    with db() as session:
        assert not session.scalar(
            select(func.count())
            .select_from(HostStructure)
            .where(HostStructure.is_demo.is_(True), HostStructure.closed.is_(False))
        )
        coming = session.scalars(
            select(Slot.status).join(Workshop).where(Workshop.is_demo, Slot.starts_at > now)
        ).all()
        assert coming and set(coming) == {SlotStatus.CANCELLED}
        booking = session.scalars(select(Booking).where(Booking.slot_id == slot_id)).one()
        assert booking.status == BookingStatus.CANCELLED_BY_SERVICE
    with db.begin() as session:
        assert generate_demo_slots(session, now=now + timedelta(days=1)) == 0
        assert load_demo_catalogue(session, load_gazetteer()) == 0


# --- what a resident then sees --------------------------------------------------------------------


async def test_a_resident_finds_the_imported_places_of_her_commune(bot, run, tmp_path):
    path = write_csv(
        tmp_path / "82.csv",
        [
            lieu(
                "fs-caussade", "Espace France services de Caussade", "Caussade", "82300",
                code_insee="82037", latitude="44.1598", longitude="1.5410",
                telephone="+33563930000", horaires="le mardi, sur rendez-vous",
                dispositif_programmes_nationaux=(
                    "France Services|Point d'accès numérique CAF|Certification PIX"
                ),
                modalites_acces="Téléphoner|Prendre un RDV en ligne",
                prise_rdv="https://rdv.example/caussade",
            ),
            # No point: it sits on the town hall's, and no distance to it is told as precise.
            lieu(
                "mediatheque-caussade", "Médiathèque de Caussade", "Caussade", "82300",
                code_insee="82037", adresse="1 rue de la Mairie", horaires="Mo-Fr 09:00-12:00",
            ),
        ],
    )  # fmt: skip
    status, report = run(path)
    assert status == 0 and report["created"] == 2
    martine = bot.resident("Martine")
    await martine.says("/start")
    await martine.taps("Impôts en ligne")

    text = await martine.says("Caussade")

    assert "démo" not in text
    assert text.split("\n\n")[1].splitlines() == [
        "1. Médiathèque de Caussade · 📏 dans votre commune",
        "2. Espace France services de Caussade · 📏 moins de 1 km",
    ]
    france_services_button = martine.button("2. Espace France services")
    mediatheque = await martine.taps("1. Médiathèque de Caussade")
    assert mediatheque.splitlines()[:3] == [
        "Médiathèque de Caussade",
        "🟢 Ouvert, ferme à 12h00",
        "📍 1 rue de la Mairie, 82300 Caussade",
    ]
    assert martine.calls("sendVenue") == []  # its point is the town hall's: no pin
    await martine.tap(france_services_button)
    france_services = martine.last_text
    assert france_services.splitlines()[:7] == [
        "Espace France services de Caussade",
        "🕘 horaires : appelez avant de venir",
        "📍 1 place de la Mairie, 82300 Caussade",
        "📞 +33563930000",
        "🏷 France services · Point numérique CAF",
        "📞 Sur rendez-vous uniquement",
        "🗓 prendre rendez-vous en ligne",
    ]
    [venue] = martine.calls("sendVenue")
    assert venue.params["title"] == "Espace France services de Caussade"
    assert 'href="https://rdv.example/caussade"' in martine.calls("sendMessage")[0].params["text"]


async def test_the_bot_retires_the_demo_at_start_once_a_real_place_exists(db, database_url):
    with db.begin() as session:
        load_demo_catalogue(session, load_gazetteer())
        generate_demo_slots(session, now=NOW)
        session.add(
            HostStructure(
                name="France services de Moissac", typology=Typology.FRANCE_SERVICES,
                commune_insee="82112", lat=44.1052, lon=1.0851,
            )
        )  # fmt: skip

    async with OfflineBot(database_url=database_url).running() as bot:
        with bot.session() as session:
            open_demo = (
                select(func.count())
                .select_from(HostStructure)
                .where(HostStructure.is_demo.is_(True), HostStructure.closed.is_(False))
            )
            assert session.scalar(open_demo) == 0
            coming = session.scalars(
                select(Slot.status).join(Workshop).where(Workshop.is_demo, Slot.starts_at > NOW)
            ).all()
            assert coming and set(coming) == {SlotStatus.CANCELLED}
