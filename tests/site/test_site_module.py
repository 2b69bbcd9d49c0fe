"""Language helpers and interface strings."""

import pytest

from exchange.core.data_files import load_data
from exchange.core.site import alternates_for, counterpart_url
from exchange.core.strings import UnknownString, count_phrase, translate


def test_counterpart_urls_swap_the_language_prefix():
    assert counterpart_url("guidance/plans/", "en", "cy") == "cy/guidance/plans/"
    assert counterpart_url("cy/guidance/plans/", "cy", "en") == "guidance/plans/"
    assert counterpart_url("", "en", "cy") == "cy/"
    assert counterpart_url("cy/", "cy", "en") == ""


def test_alternates_list_both_languages_in_order():
    assert [(a.language, a.url) for a in alternates_for("cy/about/", "cy")] == [("en", "about/"), ("cy", "cy/about/")]


def test_every_interface_string_exists_in_english_and_welsh_and_differs_where_it_should():
    strings = load_data("strings")
    for key, value in strings.items():
        assert set(value) == {"en", "cy"}, key
        assert value["en"].strip() and value["cy"].strip(), key


def test_an_unknown_string_is_an_error_not_a_blank():
    with pytest.raises(UnknownString):
        translate("no.such.key", "cy")


def test_counts_read_naturally():
    assert count_phrase(1, "case_studies.count", "en") == "1 case study"
    assert count_phrase(3, "case_studies.count", "en") == "3 case studies"
    assert count_phrase(3, "case_studies.count", "cy") == "3 astudiaeth achos"
