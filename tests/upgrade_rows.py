"""The rows a workshop leaves in the database at each revision, inserted with plain SQL.

Used by tests/test_migrations.py: the tables as they stood at one revision, never the models
(they know only head). Columns a later revision added are filled only once they exist.
"""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from werkzeug.security import generate_password_hash

from cgim.auth import lockout
from cgim.paths import MIGRATIONS
from tests.conftest import PASSWORD

SCRIPTS = ScriptDirectory(str(MIGRATIONS))
ORDER = [script.revision for script in reversed(list(SCRIPTS.walk_revisions()))]
HEAD = SCRIPTS.get_current_head()
NOW = datetime.now(UTC).replace(microsecond=0)
HASH = generate_password_hash(PASSWORD)
JSON_COLUMNS = {"value", "document"}
SAM_CODE, KIM_CODE, LEE_CODE = "SAMC2345", "KMPQ6789", "HRTW7892"
MAP = {
    "format": "cgim-ecomap",
    "version": 1,
    "child": {"id": "child", "label": "Maya", "age": 11, "interests": ["football"]},
    "caregiver": {"id": "me", "label": "Me"},
    "people": [
        {
            "id": "aunt-rosa",
            "label": "Aunt Rosa",
            "sector": "family",
            "role": "aunt",
            "closeness": 3,
            "contact": "weekly",
            "support": ["emotional", "companionship"],
            "child_feels": "likes",
            "parent_trust": "high",
            "fit": ["shares_interests", "lives_nearby", "reliable"],
            "concerns": [],
            "professional": False,
            "x": 0.31,
            "y": -0.12,
        }
    ],
    "ties": [{"a": "child", "b": "aunt-rosa", "kind": "strong", "flow": "both"}],
}
SAFETY = {
    "settings": ["group"],
    "rules": [],
    "ask_child": [],
    "own_rules": "Only at our house for now",
    "drop_ins": "Fridays after school",
    "if_crossed": "",
    "rule_gifts": "Ask me first",
    "rule_rides": "",
    "rule_phones": "",
    "rule_hugs": "",
    "rule_alone": "",
}


def since(revision: str, current: str) -> bool:
    """True when the database at `current` already has what `revision` added."""
    return ORDER.index(current) >= ORDER.index(revision)


class Seeder:
    """Plain inserts against the tables as they stand at one revision; counts what it added."""

    def __init__(self, connection, revision: str):
        self.connection, self.revision, self.counts = connection, revision, Counter()

    def has(self, revision: str) -> bool:
        """The database already has what this revision added."""
        return since(revision, self.revision)

    def later(self, revision: str, **values) -> dict:
        """Values for columns a revision added: only once the database has them."""
        return values if self.has(revision) else {}

    def add(self, table_name: str, /, **values) -> int | None:
        """Insert one row; its new id if the table has one."""
        columns = [sa.column(key, column_type(key, value)) for key, value in values.items()]
        keyed = table_name not in ("save_receipts", "co_facilitators")
        table = sa.table(table_name, *columns, *([sa.column("id")] if keyed else []))
        statement = table.insert().values(**values)
        self.counts[table_name] += 1
        if not keyed:
            self.connection.execute(statement)
            return None
        return self.connection.execute(statement.returning(table.c.id)).scalar_one()


def column_type(name: str, value):
    """The SQL type a plain insert needs for a value: JSON, times, dates and booleans."""
    if name in JSON_COLUMNS:
        return sa.JSON()
    if isinstance(value, datetime):
        return sa.DateTime(timezone=True)
    if isinstance(value, date):
        return sa.Date()
    if isinstance(value, bool):
        return sa.Boolean()
    return None


def seed(s: Seeder) -> dict:
    """Two organisations, staff, three workshops (one closed), three parents and their words."""
    orgs, staff = organisations_and_staff(s)
    workshops = {
        "tuesday": workshop(s, orgs["riverside"], staff["ben"], "Tuesday group", "TUE234", None),
        "spring": workshop(s, orgs["riverside"], staff["ben"], "Spring group", "SPR345", 2),
        "hill": workshop(s, orgs["hilltop"], staff["cai"], "Hilltop evening", "HQP456", None),
    }
    parents = {
        "sam": parent(s, workshops["tuesday"], "Sam", SAM_CODE),
        "kim": parent(s, workshops["spring"], "Kim", KIM_CODE),
        "lee": parent(s, workshops["hill"], "Lee", LEE_CODE),
    }
    for name, pid in parents.items():
        words(s, pid, name)
    ids = {"orgs": orgs, "staff": staff, "workshops": workshops, "parents": parents}
    organisation_rows(s, ids)
    broken_rows(s, ids)
    account_rows(s, ids)
    audit_rows(s, ids)
    sign_in_rows(s, ids)
    return ids


def organisations_and_staff(s: Seeder) -> tuple[dict, dict]:
    """Riverside (an admin and a facilitator) and Hilltop (a facilitator)."""
    orgs = {
        "riverside": s.add(
            "organisations",
            name="Riverside Family Centre",
            created_at=NOW - timedelta(days=90),
            **s.later("0005", flag_serious_worries=True),
        ),
        "hilltop": s.add("organisations", name="Hilltop", created_at=NOW - timedelta(days=80)),
    }
    staff = {}
    people = [("ada", "riverside", "admin"), ("ben", "riverside", "facilitator")]
    for key, org, role in [*people, ("cai", "hilltop", "facilitator")]:
        staff[key] = s.add(
            "users",
            organisation_id=orgs[org],
            email=f"{key}@example.org",
            name=key.title(),
            role=role,
            password_hash=HASH,
            session_version=1,
            created_at=NOW - timedelta(days=70),
        )
    return orgs, staff


def organisation_rows(s: Seeder, ids: dict) -> None:
    """A help line, a co-facilitator, words shared with the room, a staff read in the log."""
    if s.has("0002"):
        s.add(
            "audit_events",
            user_id=ids["staff"]["ben"],
            participant_id=ids["parents"]["sam"],
            action="record",
            created_at=NOW - timedelta(days=1),
            **s.later(
                "0011",
                organisation_id=ids["orgs"]["riverside"],
                staff_name="Ben",
                workshop_id=ids["workshops"]["tuesday"],
                what="",
            ),
        )
    if s.has("0003"):
        s.add(
            "local_contacts",
            organisation_id=ids["orgs"]["riverside"],
            name="Family Line",
            phone="0800 111 222",
            description="Free, day and night",
            **s.later("0005", kind="national"),
        )
    if s.has("0004"):
        tuesday = ids["workshops"]["tuesday"]
        s.add("co_facilitators", workshop_id=tuesday, user_id=ids["staff"]["ada"])
        s.add(
            "shared_texts",
            participant_id=ids["parents"]["sam"],
            workshop_id=tuesday,
            prompt_id="welcome-enjoys",
            text="Football makes him happy",
            status="approved",
            updated_at=NOW,
        )


# --- 0009, account life cycle: a deactivated leaver and an open reset link -----------------
RESET_HASH = "9" * 64


def account_rows(s: Seeder, ids: dict) -> None:
    """From 0009: Dee left Riverside (deactivated); Ben has an unused reset link."""
    if not s.has("0009"):
        return
    ids["staff"]["dee"] = s.add(
        "users",
        organisation_id=ids["orgs"]["riverside"],
        email="dee@example.org",
        name="Dee",
        role="facilitator",
        password_hash=HASH,
        session_version=2,
        created_at=NOW - timedelta(days=60),
        deactivated_at=NOW - timedelta(days=5),
    )
    s.add(
        "password_resets",
        user_id=ids["staff"]["ben"],
        token_hash=RESET_HASH,
        created_at=NOW - timedelta(hours=1),
        expires_at=NOW + timedelta(hours=23),
    )


def workshop(s: Seeder, org: int, owner: int, title: str, code: str, closed_days_ago):
    """A workshop; closed that many days ago, or open."""
    closed = None if closed_days_ago is None else NOW - timedelta(days=closed_days_ago)
    return s.add(
        "workshops",
        organisation_id=org,
        owner_id=owner,
        title=title,
        format_id="making_connections",
        language="en",
        date=date(2026, 11, 24),
        join_code=code,
        closed_at=closed,
        created_at=NOW - timedelta(days=30),
        **s.later(
            "0004",
            mode="follow",
            shown_module="welcome",
            shown_step=3,
            show_results=True,
            paused=False,
            control_version=7,
        ),
    )


def parent(s: Seeder, workshop_id: int, nickname: str, code: str) -> int:
    """A parent who consented and got as far as the second screen."""
    return s.add(
        "participants",
        workshop_id=workshop_id,
        nickname=nickname,
        language="en",
        resume_code=code,
        session_token=f"token-{nickname.lower()}".ljust(32, "0"),
        current_module="welcome",
        current_step=2,
        consented_at=NOW - timedelta(days=20),
        last_seen_at=NOW - timedelta(days=3),
        **s.later("0004", help_requested_at=NOW - timedelta(days=3)),
        **s.later("0005", current_tool="ecomap"),
    )


def words(s: Seeder, pid: int, name: str) -> None:
    """What one parent wrote: answers, a save receipt, their map and its history, a plan."""
    answer = {"updated_at": NOW - timedelta(days=3), "participant_id": pid}
    s.add("answers", prompt_id="welcome-enjoys", value=f"Football and drawing ({name})", **answer)
    s.add("answers", prompt_id="welcome-more-adults", value=7, **answer)
    s.add("save_receipts", participant_id=pid, key=f"key-{name}-0001", created_at=NOW)
    if s.has("0002"):
        s.add(
            "ecomaps",
            participant_id=pid,
            document=MAP,
            version=3,
            shared=name == "sam",
            updated_at=NOW,
        )
        for age in (5, 4):
            s.add(
                "ecomap_history",
                participant_id=pid,
                document={**MAP, "people": []},
                created_at=NOW - timedelta(days=age),
            )
        s.add(
            "ecomap_snapshots",
            participant_id=pid,
            label="End of the workshop",
            document=MAP,
            created_at=NOW - timedelta(days=2),
        )
    if s.has("0003"):
        s.add("answers", prompt_id="plan.safety.aunt-rosa", value=SAFETY, **answer)
        s.add(
            "outcomes",
            participant_id=pid,
            person="Aunt Rosa",
            asked="asked",
            response="yes",
            note="She said yes to Saturdays",
            share_note=False,
            created_at=NOW - timedelta(days=1),
        )


# --- 0008, repairing stored records: values earlier versions stored and could never load ---
BROKEN_MAP = {
    **MAP,
    "people": [
        {**MAP["people"][0], "label": "Aunt\x0bRosa", "concerns": ["", "violence"]},
        {"id": "joe", "label": "Grandpa \ud800Joe", "sector": "family"},
    ],
    "ties": [*MAP["ties"], {"a": "child", "b": "nobody", "kind": "strong"}],
}
BROKEN_ANSWER = "Football\ud800 and drawing\x0b(lee)"


def broken_rows(s: Seeder, ids: dict) -> None:
    """Before 0008: Lee's answer holds a lone surrogate; Lee's shared map (and an undo step)
    a vertical tab in a name, an empty worry, a lone surrogate and a line to nobody."""
    if s.has("0008"):
        return
    lee = ids["parents"]["lee"]
    answers = sa.table(
        "answers",
        sa.column("participant_id"),
        sa.column("prompt_id"),
        sa.column("value", sa.JSON()),
    )
    s.connection.execute(
        answers.update()
        .where(answers.c.participant_id == lee, answers.c.prompt_id == "welcome-enjoys")
        .values(value=BROKEN_ANSWER)
    )
    if not s.has("0002"):
        return
    maps = sa.table(
        "ecomaps",
        sa.column("participant_id"),
        sa.column("shared", sa.Boolean()),
        sa.column("document", sa.JSON()),
    )
    s.connection.execute(
        maps.update().where(maps.c.participant_id == lee).values(document=BROKEN_MAP, shared=True)
    )
    s.add("ecomap_history", participant_id=lee, document=BROKEN_MAP, created_at=NOW)


# --- 0011, a readable audit log: rows name their organisation, staff member and workshop ---
GONE_PARENT = 999_999


def audit_rows(s: Seeder, ids: dict) -> None:
    """Cai read Lee's record; Ben read a family since deleted; from 0011, a projector read."""
    if not s.has("0002"):
        return
    reads = [("cai", ids["parents"]["lee"], "view record"), ("ben", GONE_PARENT, "export map csv")]
    for who, pid, action in reads:
        s.add(
            "audit_events",
            user_id=ids["staff"][who],
            participant_id=pid,
            action=action,
            created_at=NOW - timedelta(hours=2),
            **s.later(
                "0011",
                organisation_id=ids["orgs"]["hilltop" if who == "cai" else "riverside"],
                staff_name=who.title(),
                workshop_id=ids["workshops"]["hill"] if who == "cai" else None,
                what="",
            ),
        )
    if s.has("0011"):
        s.add(
            "audit_events",
            organisation_id=ids["orgs"]["riverside"],
            user_id=ids["staff"]["ben"],
            staff_name="Ben",
            participant_id=None,
            workshop_id=ids["workshops"]["tuesday"],
            action="view projector",
            what="",
            created_at=NOW - timedelta(hours=1),
        )


# --- 0010, two-step sign-in, wrong tries per account, idle minutes -------------------------
EVE_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
EVE_RECOVERY = "ABCDEFGHJKMN"


def sign_in_rows(s: Seeder, ids: dict) -> None:
    """From 0010: Hilltop asks admins for two-step and signs idle staff out after 20 minutes;
    Eve (Riverside) has an authenticator and a recovery code; Fay is locked after 10 tries."""
    if not s.has("0010"):
        return
    organisations = sa.table(
        "organisations", sa.column("id"), sa.column("two_step_for"), sa.column("idle_minutes")
    )
    s.connection.execute(
        organisations.update()
        .where(organisations.c.id == ids["orgs"]["hilltop"])
        .values(two_step_for="admins", idle_minutes=20)
    )
    for key in ("eve", "fay"):
        ids["staff"][key] = s.add(
            "users",
            organisation_id=ids["orgs"]["riverside"],
            email=f"{key}@example.org",
            name=key.title(),
            role="facilitator",
            password_hash=HASH,
            session_version=1,
            created_at=NOW - timedelta(days=50),
        )
    plain_insert(
        s,
        "user_two_step",
        user_id=ids["staff"]["eve"],
        secret=EVE_SECRET,
        confirmed_at=NOW - timedelta(days=10),
        last_step=None,
    )
    s.add(
        "two_step_recovery_codes",
        user_id=ids["staff"]["eve"],
        hint=EVE_RECOVERY[:4],
        code_hash=generate_password_hash(EVE_RECOVERY),
        created_at=NOW - timedelta(days=10),
    )
    plain_insert(
        s,
        "sign_in_failures",
        key=lockout.key_for("fay@example.org"),
        failures=10,
        last_failed_at=NOW - timedelta(hours=1),
    )
    plain_insert(
        s, "sign_in_unlocks", user_id=ids["staff"]["eve"], unlocked_at=NOW - timedelta(days=3)
    )


def plain_insert(s: Seeder, table_name: str, **values) -> None:
    """Insert one row into a table without an id column; counted like Seeder.add."""
    columns = [sa.column(key, column_type(key, value)) for key, value in values.items()]
    s.connection.execute(sa.table(table_name, *columns).insert().values(**values))
    s.counts[table_name] += 1
