"""The entity codecs, the schema and the trust rules describe the same columns.

A field added to an entity without a migration (or a migration without the field, or either
without a cell rule) fails here, before a file with a missing column reaches anyone.
"""

import sqlite3

import pytest

from pm_desktop.domain import codec as c
from pm_desktop.domain.model import COLLECTIONS, Review
from pm_desktop.store import cells
from pm_desktop.store.document import Document
from pm_desktop.store.schema import TABLES


@pytest.fixture(scope="module")
def fresh_columns(tmp_path_factory):
    path = tmp_path_factory.mktemp("codec") / "fresh.pmreview"
    Document.create(path, Review()).close()
    conn = sqlite3.connect(path)
    try:
        return {
            entity.table: tuple(
                row[0]
                for row in conn.execute("SELECT name FROM pragma_table_info(?)", (entity.table,))
            )
            for entity in c.CODECS.values()
        }
    finally:
        conn.close()


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_fresh_file_has_exactly_the_codec_columns_in_order(fresh_columns, collection):
    entity = c.codec(collection)
    assert fresh_columns[entity.table] == entity.columns
    assert TABLES[collection] == (entity.table, entity.columns)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_codec_column_has_a_cell_rule_and_no_rule_is_left_over(collection):
    entity = c.codec(collection)
    assert tuple(cells.RULES[entity.table]) == entity.columns


_RULE_OF_KIND = {
    c.FLAG: {cells.FLAG},
    c.SEQ: {cells.SEQ},
    c.LIST: {cells.ID_LIST},
    c.CRITERIA: {cells.CRITERIA},
    c.INSTANT: {cells.TEXT_OR_NULL},
    c.ZONE: {cells.TEXT},
}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_cell_rules_fit_the_codec_kinds(collection):
    entity = c.codec(collection)
    rules = cells.RULES[entity.table]
    for f in entity.fields:
        rule = rules[f.column]
        if f.kind in _RULE_OF_KIND and f.name != "handles":
            assert rule in _RULE_OF_KIND[f.kind], f"{entity.table}.{f.column}"
        if f.kind in (c.FLAG, c.SEQ, c.INTEGER):
            assert rule.types == frozenset({"integer"}), f"{entity.table}.{f.column}"
        else:
            assert "text" in rule.types, f"{entity.table}.{f.column}"


def test_a_field_of_a_type_without_a_codec_is_refused_by_name():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Odd:
        id: str
        weight: float = 0.0

    with pytest.raises(TypeError, match=r"odd\.weight"):
        c._entity_codec("odd", Odd)
