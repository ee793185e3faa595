"""The catalogue of host structures (structures accueillantes).

Themes, programmes and modes are child rows, not delimited strings, so "who helps with taxes?" is
an indexed query and a theme cannot be listed twice. Every constraint is named (see
`knowledge.orm`) and uses portable SQL: the same models run on SQLite and PostgreSQL.

Where a place comes from is a child row too (`PlaceSource`): one place may be published by two
sources (a LaMednum file and data·inclusion), each under its own id.
"""

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import (
    CheckConstraint,
    Enum,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from knowledge.orm import Base
from knowledge.translatable import N_

DEFAULT_TIMEZONE = "Europe/Paris"


class Typology(StrEnum):
    MAIRIE = "mairie"
    CCAS = "ccas"
    FRANCE_SERVICES = "france_services"
    MEDIATHEQUE = "mediatheque"
    ASSOCIATION = "association"
    DEPARTEMENT = "departement"
    INTERCOMMUNALITE = "intercommunalite"
    PREFECTURE = "prefecture"
    CENTRE_SOCIAL = "centre_social"
    CENTRE_MEDICO_SOCIAL = "centre_medico_social"
    MISSION_LOCALE = "mission_locale"
    AUTRE = "autre"


TYPOLOGY_LABELS: dict[Typology, str] = {
    Typology.MAIRIE: N_("Mairie"),
    Typology.CCAS: N_("Centre communal d'action sociale"),
    Typology.FRANCE_SERVICES: N_("France services"),
    Typology.MEDIATHEQUE: N_("Médiathèque"),
    Typology.ASSOCIATION: N_("Association"),
    Typology.DEPARTEMENT: N_("Conseil départemental"),
    Typology.INTERCOMMUNALITE: N_("Communauté de communes"),
    Typology.PREFECTURE: N_("Préfecture ou sous-préfecture"),
    Typology.CENTRE_SOCIAL: N_("Centre social"),
    Typology.CENTRE_MEDICO_SOCIAL: N_("Centre médico-social"),
    Typology.MISSION_LOCALE: N_("Mission locale"),
    Typology.AUTRE: N_("Autre lieu d'accueil"),
}


class Programme(StrEnum):
    """The national programmes of the LaMednum standard (`dispositif_programmes_nationaux`).

    Values stay within 22 characters, the width of the column since the first three.
    """

    FRANCE_SERVICES = "france_services"
    CONSEILLERS_NUMERIQUES = "conseillers_numeriques"
    AIDANTS_CONNECT = "aidants_connect"
    POINT_NUMERIQUE_CAF = "point_numerique_caf"
    BIBLIOTHEQUES_NUMERIQUES = "bnr"  # Bibliothèques numériques de référence
    CERTIFICATION_PIX = "certification_pix"
    EMMAUS_CONNECT = "emmaus_connect"
    RELAIS_EMMAUS_CONNECT = "relais_emmaus_connect"
    GRANDE_ECOLE_NUMERIQUE = "grande_ecole_numerique"
    CROIX_ROUGE = "croix_rouge"
    PROMENEURS_DU_NET = "promeneurs_du_net"


PROGRAMME_LABELS: dict[Programme, str] = {
    Programme.FRANCE_SERVICES: N_("France services"),
    Programme.CONSEILLERS_NUMERIQUES: N_("Conseillers numériques"),
    Programme.AIDANTS_CONNECT: N_("Aidants Connect"),
    Programme.POINT_NUMERIQUE_CAF: N_("Point numérique CAF"),
    Programme.BIBLIOTHEQUES_NUMERIQUES: N_("Bibliothèque numérique de référence"),
    Programme.CERTIFICATION_PIX: N_("Certification Pix"),
    Programme.EMMAUS_CONNECT: N_("Emmaüs Connect"),
    Programme.RELAIS_EMMAUS_CONNECT: N_("Relais numérique Emmaüs Connect"),
    Programme.GRANDE_ECOLE_NUMERIQUE: N_("Grande École du Numérique"),
    Programme.CROIX_ROUGE: N_("Croix-Rouge"),
    Programme.PROMENEURS_DU_NET: N_("Promeneurs du Net"),
}

# The programmes residents are shown, in this order: those that say what help they will get
# (every procedure, a digital adviser, someone who may act for them, the CAF's own desk). The
# others are kept for the staff.
RESIDENT_PROGRAMMES = (
    Programme.FRANCE_SERVICES,
    Programme.CONSEILLERS_NUMERIQUES,
    Programme.AIDANTS_CONNECT,
    Programme.POINT_NUMERIQUE_CAF,
)


class Mode(StrEnum):
    """How residents reach a place (`modalites_acces`) and how it helps them
    (`modalites_accompagnement`), as the LaMednum standard lists them."""

    WALK_IN = "se_presenter"
    PHONE = "telephoner"
    EMAIL = "contacter_par_mail"
    ONLINE_BOOKING = "prendre_rdv_en_ligne"
    NO_PUBLIC = "pas_de_public"
    PRESCRIPTION = "fiche_de_prescription"
    SELF_SERVICE = "en_autonomie"
    INDIVIDUAL = "accompagnement_individuel"
    WORKSHOP = "atelier_collectif"
    REMOTE = "a_distance"


ACCESS_MODES = frozenset(
    {Mode.WALK_IN, Mode.PHONE, Mode.EMAIL, Mode.ONLINE_BOOKING, Mode.NO_PUBLIC, Mode.PRESCRIPTION}
)


def _enum_column(enum: type[StrEnum], name: str) -> Enum:
    # A VARCHAR plus a named CHECK rather than a native enum type: portable, and adding a value
    # is a plain constraint change in a migration. Stored as the value ("mairie"), not the name.
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


class StructureTheme(Base):
    __tablename__ = "structure_themes"

    # The composite primary key is the uniqueness rule: a theme is listed once per structure.
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("host_structures.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)

    __table_args__ = (CheckConstraint("theme <> ''", name="theme_not_empty"),)


class StructureProgramme(Base):
    __tablename__ = "structure_programmes"

    structure_id: Mapped[int] = mapped_column(
        ForeignKey("host_structures.id", ondelete="CASCADE"), primary_key=True
    )
    programme: Mapped[Programme] = mapped_column(
        _enum_column(Programme, "programme"), primary_key=True
    )


class StructureMode(Base):
    __tablename__ = "structure_modes"

    structure_id: Mapped[int] = mapped_column(
        ForeignKey("host_structures.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[Mode] = mapped_column(_enum_column(Mode, "mode"), primary_key=True)


class PlaceSource(Base):
    """One (source, id) a place is published under: "demo", "mednum" (LaMednum files) or
    "data-inclusion", and the id the file gives it. Re-imports find their places here, and the
    closing of places a file stopped listing reads `listed`."""

    __tablename__ = "place_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("host_structures.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(40))
    # None only for a place entered under a source that gave it no id (NULLs never collide).
    source_id: Mapped[str | None] = mapped_column(String(200))
    listed: Mapped[bool] = mapped_column(default=True, server_default=true())
    """False once the source's latest file covering the place's département no longer lists it."""

    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        CheckConstraint("source <> ''", name="source_not_empty"),
    )


class HostStructure(Base):
    """A place where a resident can get help with online procedures."""

    __tablename__ = "host_structures"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    typology: Mapped[Typology] = mapped_column(_enum_column(Typology, "typology"))
    # Unknown for some open-data rows; the commune and the point are always known.
    address: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune_insee: Mapped[str] = mapped_column(String(5), index=True)
    lat: Mapped[float]
    lon: Mapped[float]
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    opening_hours: Mapped[str | None] = mapped_column(String(1000))  # OpenStreetMap syntax
    itinerant: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Offers individual appointments or drop-in sessions (permanences), not only workshops.
    individual_help: Mapped[bool] = mapped_column(default=False, server_default=false())
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=false())
    timezone: Mapped[str] = mapped_column(
        String(64), default=DEFAULT_TIMEZONE, server_default=DEFAULT_TIMEZONE
    )
    # Set by the database clock: these are bookkeeping, not domain time.
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    # Columns added by migrations come last: a migrated table lists them last too.
    closed: Mapped[bool] = mapped_column(default=False, server_default=false())
    """No longer offered to residents (an open-data file stopped listing it, a coordinator
    closed it); never deleted, since bookings point at it."""
    approximate: Mapped[bool] = mapped_column(default=False, server_default=false())
    """The point is the commune's town hall, not the place: no distance is told as precise."""
    booking_url: Mapped[str | None] = mapped_column(String(500))
    """Where residents book an appointment online (LaMednum `prise_rdv`)."""
    appointment_only: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Its access modes are known and walking in is not one of them (kept beside the modes, like
    `individual_help`, so that the residents' search reads it without another join)."""

    _themes: Mapped[set[StructureTheme]] = relationship(
        collection_class=set, cascade="all, delete-orphan", passive_deletes=True
    )
    _programmes: Mapped[set[StructureProgramme]] = relationship(
        collection_class=set, cascade="all, delete-orphan", passive_deletes=True
    )
    _modes: Mapped[set[StructureMode]] = relationship(
        collection_class=set, cascade="all, delete-orphan", passive_deletes=True
    )
    # The first is the place's own source, the one `aiguillage places` shows.
    sources: Mapped[list[PlaceSource]] = relationship(
        order_by=PlaceSource.id, cascade="all, delete-orphan", passive_deletes=True
    )
    # Plain sets of strings for callers: `structure.themes = {"impots", "caf"}`.
    themes: AssociationProxy[set[str]] = association_proxy(
        "_themes", "theme", creator=lambda theme: StructureTheme(theme=theme)
    )
    programmes: AssociationProxy[set[Programme]] = association_proxy(
        "_programmes",
        "programme",
        creator=lambda programme: StructureProgramme(programme=Programme(programme)),
    )
    modes: AssociationProxy[set[Mode]] = association_proxy(
        "_modes", "mode", creator=lambda mode: StructureMode(mode=Mode(mode))
    )

    __table_args__ = (
        CheckConstraint("lat >= -90 AND lat <= 90", name="lat_range"),
        CheckConstraint("lon >= -180 AND lon <= 180", name="lon_range"),
        CheckConstraint("name <> ''", name="name_not_empty"),
        CheckConstraint("length(commune_insee) = 5", name="commune_insee_length"),
        CheckConstraint("timezone <> ''", name="timezone_not_empty"),
    )
    # Fetch the server-set timestamps with the INSERT rather than by a later lazy SELECT.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012

    @validates("timezone")
    def _check_timezone(self, _key: str, value: str) -> str:
        # Opening hours are evaluated in this zone: an unknown name must fail on write, not
        # when a resident asks.
        ZoneInfo(value)
        return value

    def __repr__(self) -> str:
        return f"HostStructure(id={self.id!r}, name={self.name!r})"


class PlaceEdit(Base):
    """A field of a place a coordinator set on the dashboard (`knowledge.place_edits`): imports
    keep the local value and only note here the value their latest file gave."""

    __tablename__ = "place_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("host_structures.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(40))
    """A name of `knowledge.place_edits.EDITABLE`."""
    imported_value: Mapped[str | None] = mapped_column(String(1000))
    """What the imports said last (before the edit, or since): shown beside the local value."""
    edited_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("structure_id", "field"),)
