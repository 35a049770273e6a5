"""Legal references: extraction with numbers and codes; ungrounded ones are flagged."""

from __future__ import annotations

from communia.drafting.grounding import added_facts, lost_facts
from communia.drafting.legal_refs import find_references, grounded_keys, unknown_references
from communia.drafting.plain import rewrite


def test_article_lists_take_the_code_named_after_them() -> None:
    text = ("VU les articles L. 2212-1, L. 2212-2 et L. 2213-28 du code général des "
            "collectivités territoriales ;")
    keys = {k for r in find_references(text) if r.kind == "article" for k in r.keys}
    assert keys == {"article:cgct/L2212-1", "article:cgct/L2212-2", "article:cgct/L2213-28"}


def test_articles_after_a_code_take_that_code() -> None:
    text = "VU le code de la route, notamment ses articles R. 411-8 et R.417-10 ;"
    keys = {k for r in find_references(text) if r.kind == "article" for k in r.keys}
    assert keys == {"article:route/R411-8", "article:route/R417-10"}


def test_laws_decrees_and_orders_are_found_with_number_and_date() -> None:
    text = ("Vu la loi n° 82-213 du 2 mars 1982 ; vu le décret n° 2017-1244 du 7 août 2017 ; "
            "vu l'arrêté préfectoral du 3 mai 2021.")
    refs = {r.kind: r.keys for r in find_references(text)}
    assert "loi:n:82-213" in refs["loi"] and "loi:d:1982-03-02" in refs["loi"]
    assert "decret:n:2017-1244" in refs["decret"]
    assert "arrete:d:2021-05-03" in refs["arrete"]


def test_curated_references_pass_and_invented_ones_are_flagged() -> None:
    text = ("Vu l'article L. 2212-2 du CGCT et l'article R. 421-5 du code de justice "
            "administrative ; vu l'article L. 9999-1 du code de la route ; vu le décret "
            "n° 2031-77 du 1er avril 2031.")
    unknown = {r.text for r in unknown_references(text, frozenset())}
    assert unknown == {"L. 9999-1", "décret n° 2031-77 du 1er avril 2031"}


def test_a_reference_given_in_the_facts_is_grounded() -> None:
    facts = "le décret n° 2017-1244 du 7 août 2017 relatif aux bruits"
    text = "VU le décret n° 2017-1244 du 7 août 2017 ;"
    assert unknown_references(text, frozenset()) != []
    assert unknown_references(text, grounded_keys([facts])) == []


def test_unknown_code_is_flagged() -> None:
    refs = unknown_references("Vu le code de la mutualité, notamment son article L. 111-1.",
                              frozenset())
    assert {r.kind for r in refs} == {"code", "article"}


def test_rewrite_keeps_facts_and_added_facts_are_caught() -> None:
    original = ("Afin de garantir la sécurité, nonobstant l'arrêté susvisé du 3 mai 2021, la "
                "circulation est interdite du 9 au 20 mars 2026 ; une déviation est mise en "
                "place par la rue Pasteur ; les riverains conservent l'accès à leur domicile "
                "sur présentation d'un justificatif.")
    plain = rewrite(original)
    assert "nonobstant" not in plain and "Pour garantir" in plain
    assert lost_facts(original, plain) == []
    assert lost_facts(original, plain.replace("20 mars", "21 mars")) != []
    assert added_facts(plain + " Voir l'article L. 411-1 du code de la route.", original)
