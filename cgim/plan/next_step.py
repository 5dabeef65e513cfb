"""After the ask: what happened decides the next step the app suggests."""

ASKED = ("asked", "not_yet")
RESPONSES = ("yes", "maybe", "no")


def next_step(asked: str, response: str | None) -> str:
    """The key of the next step to suggest.

    yes -> start the safety plan and the first conversation; maybe -> give them time, follow
    up on a set day; no -> it is not about you, try the next person; not yet -> practise and
    pick a day.
    """
    if asked not in ASKED:
        raise ValueError(f"asked must be one of {', '.join(ASKED)}")
    if asked == "not_yet":
        return "practise_and_pick_a_day"
    if response not in RESPONSES:
        raise ValueError(f"response must be one of {', '.join(RESPONSES)}")
    return {"yes": "first_conversation", "maybe": "give_time", "no": "next_person"}[response]
