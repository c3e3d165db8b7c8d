"""scripts/build_dutch_wordlists.py and the files it wrote into the repository."""

import importlib.util
import xml.etree.ElementTree as ET  # our own generated file, not untrusted input
from pathlib import Path

from django.conf import settings

from search.analysis import COMPOUND_PARTS_PATH, HYPHENATION_PATTERNS_PATH

ROOT = Path(settings.BASE_DIR)
CONFIG = ROOT / "elasticsearch-node" / "config"


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_dutch_wordlists", ROOT / "scripts" / "build_dutch_wordlists.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _script()


def test_hunspell_patterns_become_fop_xml_with_a_class_per_letter():
    xml = build.hunspell_to_fop(
        ["LEFTHYPHENMIN 2", "% a comment", ".aan5", "ë1a", "c1k/k=k,1,2", ""], ["zorg7"]
    )
    root = ET.fromstring(xml)  # noqa: S314
    assert root.tag == "hyphenation-info"
    assert root.find("hyphen-char").get("value") == "-"
    assert sorted(root.find("patterns").text.split()) == [".aan5", "zorg7", "ë1a"]
    classes = root.find("classes").text.split()
    assert "ëË" in classes and "zZ" in classes


def test_a_joint_pattern_merges_with_hyphen_nl_s_pattern_of_the_same_letters():
    assert build._merge_patterns(["4werk", "werk7", "a1b"]) == ["4werk7", "a1b"]


def test_two_listed_words_make_a_compound_but_a_suffix_or_a_short_en_tail_does_not():
    words = {"mantel", "zorg", "arbeid", "markt", "leer", "ling", "initiatie", "ven", "over", "leg"}
    assert build.is_compound("mantelzorg", words)
    assert build.is_compound("arbeidsmarkt", words)  # linking s
    assert not build.is_compound("leerling", words)  # -ling is a suffix
    assert not build.is_compound("initiatieven", words)  # a plural, not + "ven"
    assert not build.is_compound("overleg", words)  # "over" is a particle


def test_compounds_leave_the_list_unless_a_seed_synonym_names_them():
    words = ["mantel", "zorg", "mantelzorg", "mantelzorgers", "wijk", "team", "wijkteam", "de"]
    assert build.compound_parts(words, {"mantelzorg"}) == [
        "mantel",
        "mantelzorg",
        "mantelzorgers",
        "team",
        "wijk",
        "zorg",
    ]


def test_joint_patterns_rank_the_parts_that_start_most_vowel_compounds():
    parts = ["zorg", "aanbieder", "organisatie", "werk", "aanbod", "zorgen", "huis", "arts"]
    words = ["zorgaanbieder", "zorgorganisatie", "werkaanbod", "zorgen", "huisarts"]
    # "huis" ends in s, which must stay free to link; "zorgen" is no compound.
    assert build.joint_patterns(parts, words) == ["zorg7", "werk7"]


def test_the_index_settings_name_the_committed_files():
    assert (CONFIG / HYPHENATION_PATTERNS_PATH).is_file()
    assert (CONFIG / COMPOUND_PARTS_PATH).is_file()


def test_the_committed_word_list_is_sorted_lower_case_and_of_reasonable_size():
    words = (CONFIG / COMPOUND_PARTS_PATH).read_text(encoding="utf-8").splitlines()
    assert words == sorted(set(words))
    assert 50_000 < len(words) < 200_000
    assert all(3 <= len(w) <= 15 and all(c in build.LETTERS for c in w) for w in words)
    for part in ("mantelzorg", "ondersteuning", "jeugdhulp", "beleid", "wet"):
        assert part in words
    assert "mantelzorgondersteuning" not in words


def test_the_committed_files_are_what_the_script_builds_from_the_debian_packages():
    """No hand edits and no drift: the script run here (hyphen-nl and wdutch come from
    scripts/system-packages.sh test) writes exactly the committed files."""
    for path, text in build.build().items():
        assert path.read_text(encoding="utf-8") == text, path
