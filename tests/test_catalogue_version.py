"""Every process sees a change to the catalogue at once: each holds an index of places, rebuilt
when the catalogue version in the database has moved on (`knowledge.catalogue_index`)."""

from datetime import timedelta

from offline_bot import OfflineBot
from sqlalchemy import select

from knowledge.catalogue import StructureTheme
from knowledge.themes import THEMES
from scheduling.models import WorkshopKind
from scheduling.sessions import NewSessions, add_sessions


async def test_a_place_s_new_theme_shows_in_another_process_s_search_at_once(database_url):
    async with (
        OfflineBot(database_url=database_url).running() as one,
        OfflineBot(database_url=database_url).running() as two,
    ):
        moissac = one.structure_id("Mairie de Moissac")
        with one.session() as session:
            offered = set(
                session.scalars(
                    select(StructureTheme.theme).where(StructureTheme.structure_id == moissac)
                )
            )
        theme = next(t for t in THEMES if t.slug not in offered)
        martine = two.resident("Martine")
        await martine.says("/start")
        await martine.taps(theme.label)
        assert "Mairie de Moissac" not in await martine.says("Moissac")

        with one.session() as session:  # the other process adds a session on that theme
            added = add_sessions(
                session,
                structure_id=moissac,
                new=NewSessions(
                    title="Atelier",
                    kind=WorkshopKind.COLLECTIVE,
                    themes=(theme.slug,),
                    first_start=one.clock() + timedelta(days=2),
                    duration=timedelta(hours=2),
                    capacity=6,
                ),
                advisor_id=None,
                now=one.clock(),
            )
        assert added.themes_added_to_place == (theme.slug,)

        await martine.says("/start")
        await martine.taps(theme.label)
        assert "Mairie de Moissac" in await martine.says("Moissac")
