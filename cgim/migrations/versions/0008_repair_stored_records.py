"""repair stored records: maps, answers and plan texts that could not be read or shown

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:00:00

Before the input checks, a control character (a vertical tab in a name), an empty worry or
a lone surrogate could be stored; such a map never loaded again and a stored answer with a
lone surrogate could not be shown. Every stored map (current, undo history, snapshots) is
repaired by the same pure function the app uses when it reads one (a valid worry is never
dropped), and every stored answer has its hidden characters taken out. Rows that are fine
are not written. The log names tables, ids and field paths, never the family's words.
Nothing is undone on downgrade: the repaired values are valid at every revision.
"""

import json
import logging

import sqlalchemy as sa
from alembic import op

from cgim.ecomap.core.repair import repair_document
from cgim.ecomap.core.stored_text import clean_value

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
MAP_TABLES = ("ecomaps", "ecomap_history", "ecomap_snapshots")
BATCH = 500


def upgrade():
    bind = op.get_bind()
    for name in MAP_TABLES:
        repair_rows(bind, name, "document", repaired_map)
    repair_rows(bind, "answers", "value", cleaned_answer)


def downgrade():
    pass


def repair_rows(bind, name: str, column: str, repair) -> None:
    """Read a table's JSON column in batches (as text) and write back only what `repair` changes."""
    table = sa.table(name, sa.column("id", sa.Integer), sa.column(column, sa.JSON))
    raw = sa.cast(sa.column(column), sa.Text).label("raw")
    last = 0
    while True:
        batch = bind.execute(
            sa.select(sa.column("id"), raw)
            .select_from(sa.table(name))
            .where(sa.column("id") > last)
            .order_by(sa.column("id"))
            .limit(BATCH)
        ).all()
        for row_id, text in batch:
            changed = repair(f"{name} {row_id}", text)
            if changed is not None:
                bind.execute(table.update().where(table.c.id == row_id).values({column: changed}))
        if len(batch) < BATCH:
            return
        last = batch[-1][0]


def loaded(where: str, text: str) -> tuple[object, bool]:
    """(the stored JSON as Python values, True), or (the text itself, False) if it is not JSON."""
    try:
        return json.loads(text), True
    except ValueError:
        log.warning("%s: not JSON as stored", where)
        return text, False


def repaired_map(where: str, text: str | None):
    """The repaired document, or None when the stored one loads as it is."""
    if text is None:
        return None
    ecomap, repairs = repair_document(loaded(where, text)[0])
    if not repairs:
        return None
    log.warning("%s: eco-map repaired: %s", where, "; ".join(repairs))
    return ecomap.to_dict()


def cleaned_answer(where: str, text: str | None):
    """The answer with hidden characters out (lone surrogates as U+FFFD), or None if fine."""
    if text is None:
        return None
    value, is_json = loaded(where, text)
    cleaned = clean_value(value)
    if is_json and json.dumps(cleaned) == json.dumps(value):
        return None
    log.warning("%s: hidden characters taken out of a stored answer", where)
    return cleaned
