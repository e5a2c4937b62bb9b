"""CountTable: counts of units as sparse integer entries; joined tables and totals checked against sums by hand."""

from fractions import Fraction

from saidbench.count_table import CountTable
from saidbench.counts import Confusion, Key, LinkCounts, Ratio, SpanCounts, Tally

STRICT = Key("entities", "strict", "mentions")
LABEL = Key("entities", "strict", "attribute", "label")
MUC = Key("coreference", "exact-mentions", "muc")
LINK = Key("claims", "strict", "link")

A = {
    ("a", None): Tally({STRICT: SpanCounts(correct=1, partial=2, spurious=1),
                        LABEL: Confusion((("ORG", "ORG", 2), ("ORG", "PER", 1)), omitted=1),
                        LINK: Ratio(0, 0)}),  # a count of zeros is kept
}
B = {
    ("b", "p1"): Tally({STRICT: SpanCounts(incorrect=1, missed=3), LABEL: Confusion((("ORG", "PER", 2),)),
                        MUC: LinkCounts(Fraction(1, 3), 2, Fraction(1, 2), 3)}),
    ("b", "p2"): Tally({MUC: LinkCounts(Fraction(5, 6), 4, Fraction(0), 1)}),
}


def test_a_table_gives_back_every_unit_and_holds_no_zero():
    table = CountTable.of({**A, **B})
    for unit, tally in {**A, **B}.items():
        assert table.tally(unit) == tally
    assert table.tally(("c", None)) == Tally()
    assert 0 not in table.values.tolist()
    # present + five SpanCounts fields; the link's Ratio(0, 0) is only its present entry
    assert sorted(map(repr, (table.columns[c][5] for c in table.at_column[table.at_unit == 0].tolist()))) == \
        sorted(map(repr, ["present", "correct", "partial", "spurious", "present", "omitted", ("ORG", "ORG"),
                          ("ORG", "PER"), "present"]))


def test_joined_tables_total_the_counts_summed_by_hand():
    joined = CountTable.join([CountTable.of(A), CountTable.of(B)])
    assert joined.total() == Tally({
        STRICT: SpanCounts(correct=1, incorrect=1, partial=2, missed=3, spurious=1),
        LABEL: Confusion((("ORG", "ORG", 2), ("ORG", "PER", 3)), omitted=1),
        MUC: LinkCounts(Fraction(1, 3) + Fraction(5, 6), 6, Fraction(1, 2), 4),
        LINK: Ratio(0, 0),
    })
    assert joined.units() == [("a", None), ("b", "p1"), ("b", "p2")]


def test_a_unit_in_two_tables_adds_and_the_ordered_layout_is_canonical():
    again = {("a", None): Tally({STRICT: SpanCounts(missed=4), LABEL: Confusion((("PER", "PER", 1),))})}
    joined = CountTable.join([CountTable.of(A), CountTable.of(again)])
    assert joined.tally(("a", None)) == Tally({
        STRICT: SpanCounts(correct=1, partial=2, missed=4, spurious=1),
        LABEL: Confusion((("ORG", "ORG", 2), ("ORG", "PER", 1), ("PER", "PER", 1)), omitted=1),
        LINK: Ratio(0, 0),
    })
    ordered = joined.ordered(lambda unit: unit)
    reverse = CountTable.join([CountTable.of(again), CountTable.of(A)]).ordered(lambda unit: unit)
    assert ordered.columns == reverse.columns and ordered.values.tolist() == reverse.values.tolist()
    assert ordered.at_column.tolist() == sorted(ordered.at_column.tolist())  # one unit: entries by column
    assert len(set(ordered.at_column.tolist())) == len(ordered.at_column)  # each (unit, column) once


def test_keeping_drops_the_columns_of_refused_keys_only():
    table = CountTable.of(B).keeping(lambda key: key.task != "coreference")
    assert table.tally(("b", "p1")) == Tally({STRICT: SpanCounts(incorrect=1, missed=3),
                                              LABEL: Confusion((("ORG", "PER", 2),))})
    assert table.tally(("b", "p2")) == Tally() and ("b", "p2") in table.units()
    assert table.fractions == []
