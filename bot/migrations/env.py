"""Alembic's entry point: run by `bot.migrate` on a connection it opened (never from a URL)."""

from alembic import context

from bot.migrate import target_metadata

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=target_metadata(),
    # SQLite alters a table by copying it; `bot.migrate` turns foreign keys off meanwhile.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
