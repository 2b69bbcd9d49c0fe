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
