"""Welsh alphabetical order: digraphs are single letters."""

from exchange.welsh.order import sort_key, welsh_letters


def test_digraphs_are_single_letters():
    assert welsh_letters("Llanelli") == ["ll", "a", "n", "e", "ll", "i"]
    assert welsh_letters("Rhondda") == ["rh", "o", "n", "dd", "a"]
    assert welsh_letters("Ffestiniog") == ["ff", "e", "s", "t", "i", "n", "i", "o", "g"]


def test_welsh_order_follows_the_welsh_alphabet():
    # From the reference: an A-Z list in Welsh sorts Llanelli after Lyons and Chwilog after Cydweli.
    assert sorted(["Llanelli", "Lyons"], key=sort_key) == ["Lyons", "Llanelli"]
    assert sorted(["Chwilog", "Cydweli"], key=sort_key) == ["Cydweli", "Chwilog"]
    assert sorted(["Ddôl", "Dinbych"], key=sort_key) == ["Dinbych", "Ddôl"]
    assert sorted(["Fflint", "Fynwy"], key=sort_key) == ["Fynwy", "Fflint"]
    assert sorted(["Rhyl", "Rydal"], key=sort_key) == ["Rydal", "Rhyl"]
    assert sorted(["Thomas", "Tywyn"], key=sort_key) == ["Tywyn", "Thomas"]


def test_circumflexes_do_not_change_the_order():
    assert sorted(["Ynys Môn", "Ynys Mon A"], key=sort_key)[0] == "Ynys Môn"


def test_english_order_is_plain_alphabetical():
    assert sorted(["Llanelli", "Lyons"], key=lambda text: sort_key(text, "en")) == ["Llanelli", "Lyons"]


def test_the_22_authorities_sort_in_welsh_order_by_their_welsh_names():
    from exchange.core.vocabulary import identifiers, label

    names = [label("local_authorities", key, "cy") for key in identifiers("local_authorities") if key != "wales"]
    ordered = sorted(names, key=sort_key)
    # Caerffili, Caerdydd, Casnewydd, Castell-nedd..., Ceredigion, Conwy: 'ch' would come after all 'c' words.
    assert ordered.index("Caerdydd") < ordered.index("Caerffili") < ordered.index("Conwy")
    # 'Rhondda Cynon Taf' sorts after every 'R...' name that is not 'Rh' (none here) and before 'Sir ...'.
    assert ordered.index("Powys") < ordered.index("Rhondda Cynon Taf") < ordered.index("Sir Benfro")


# ---------------------------------------------------------------- one rule for A–Z lists (issue 15)


def test_a_leading_article_is_ignored_in_both_languages():
    from exchange.welsh.order import name_sort_key

    welsh = sorted(["Y Rhwydwaith Maethu", "Sefydliad Dysgu a Gwaith", "Estyn", "Yr Athrofa"], key=lambda name: name_sort_key(name, "cy"))
    assert welsh == ["Yr Athrofa", "Estyn", "Y Rhwydwaith Maethu", "Sefydliad Dysgu a Gwaith"]
    english = sorted(["The Fostering Network", "Estyn", "Welsh Government"], key=lambda name: name_sort_key(name, "en"))
    assert english == ["Estyn", "The Fostering Network", "Welsh Government"]
    # "Ysgol" and "Y" alone are words, not articles.
    assert name_sort_key("Ysgol Gynradd", "cy")[0][0] == sort_key("Ysgol")[0]


def test_punctuation_does_not_change_the_order():
    from exchange.welsh.order import name_sort_key

    assert sorted(["Gweithiwr cymdeithasol", "GwE, consortiwm Gogledd Cymru"], key=name_sort_key) == ["GwE, consortiwm Gogledd Cymru", "Gweithiwr cymdeithasol"]


def test_the_glossary_and_the_partners_page_use_the_same_rule():
    from exchange.pages import contact_pages
    from exchange.content import glossary
    from exchange.welsh.order import name_sort_key

    terms = ["Y Rhwydwaith Maethu", "Sefydliad Dysgu a Gwaith", "Estyn", "GwE", "Gweithiwr cymdeithasol"]
    by_glossary = sorted(terms, key=lambda term: glossary.term_sort_key(term, "cy"))
    by_partners = [item["name"] for item in contact_pages.ordered([{"name": term} for term in terms], "cy")]
    assert by_glossary == by_partners == sorted(terms, key=name_sort_key)
    assert by_glossary == ["Estyn", "GwE", "Gweithiwr cymdeithasol", "Y Rhwydwaith Maethu", "Sefydliad Dysgu a Gwaith"]
