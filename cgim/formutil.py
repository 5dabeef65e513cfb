"""Small helpers shared by the feature forms."""

from wtforms.fields.choices import SelectChoice


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def language_choices(library) -> list[SelectChoice]:
    """Every content language, by its own name."""
    return choices((code, lang.name) for code, lang in library.languages.items())
