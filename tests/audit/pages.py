"""Reading the audit tables out of a page, as cell texts."""

import re


def table_rows(page: str, table_id: str = "audit-table") -> list[list[str]]:
    """The rows of the table with this id, as cell texts (tags dropped); none if it is absent."""
    found = re.search(rf'<table[^>]*id="{table_id}"[^>]*>(.*?)</table>', page, re.S)
    if not found or "<tbody>" not in found.group(1):
        return []
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1).split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]
