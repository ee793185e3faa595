"""The national catalogue of places: where each place is published (`place_sources`, one row per
source and id, replacing `host_structures.source`/`source_id`, which could hold only one), its
access and accompaniment modes, its online booking link, whether walking in is possible, whether
its point is only its commune's town hall (`approximate`), and the programmes of the LaMednum
standard.

Every existing (source, source_id) moves to `place_sources`, demo rows included; the demo places
without an address sit on their town hall's point, so they become approximate.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PROGRAMMES = (
    "france_services",
    "conseillers_numeriques",
    "aidants_connect",
    "point_numerique_caf",
    "bnr",
    "certification_pix",
    "emmaus_connect",
    "relais_emmaus_connect",
    "grande_ecole_numerique",
    "croix_rouge",
    "promeneurs_du_net",
)
MODES = (
    "se_presenter",
    "telephoner",
    "contacter_par_mail",
    "prendre_rdv_en_ligne",
    "pas_de_public",
    "fiche_de_prescription",
    "en_autonomie",
    "accompagnement_individuel",
    "atelier_collectif",
    "a_distance",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    op.create_table(
        "place_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("listed", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint("source <> ''", name=op.f("ck_place_sources_source_not_empty")),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_place_sources_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_sources")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_place_sources_source_source_id")),
    )
    op.create_index(
        op.f("ix_place_sources_structure_id"), "place_sources", ["structure_id"], unique=False
    )
    op.execute(
        "INSERT INTO place_sources (structure_id, source, source_id)"
        " SELECT id, source, source_id FROM host_structures WHERE source IS NOT NULL ORDER BY id"
    )
    op.create_table(
        "structure_modes",
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(*MODES, name="mode", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["host_structures.id"],
            name=op.f("fk_structure_modes_structure_id_host_structures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("structure_id", "mode", name=op.f("pk_structure_modes")),
    )
    with op.batch_alter_table("structure_programmes") as batch:
        batch.drop_constraint(op.f("ck_structure_programmes_programme"), type_="check")
        batch.create_check_constraint(
            op.f("ck_structure_programmes_programme"), _in("programme", PROGRAMMES)
        )
    # Dropping the columns (and their constraints) rebuilds the table on SQLite: batch mode.
    with op.batch_alter_table("host_structures") as batch:
        batch.drop_constraint(op.f("uq_host_structures_source_source_id"), type_="unique")
        batch.drop_constraint(op.f("ck_host_structures_source_id_has_source"), type_="check")
        batch.drop_column("source")
        batch.drop_column("source_id")
        batch.add_column(
            sa.Column("approximate", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("booking_url", sa.String(length=500), nullable=True))
        batch.add_column(
            sa.Column("appointment_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # The demo loader places a demo structure without an address on its town hall's point.
    op.execute("UPDATE host_structures SET approximate = true WHERE is_demo AND address IS NULL")


def downgrade() -> None:
    raise NotImplementedError("no way back: restore the backup made before the upgrade")
