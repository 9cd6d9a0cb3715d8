"""Shipped drills load and match their own examples; broken drill files name file and key."""

import pytest

from content import catalog
from content.drills import CHECK_NAMES, drill_by_id, load_drills
from content.errors import ContentError
from intents.practice.feedback import run_checks

REQUIRED = {"direct-question", "share-vulnerability", "acknowledge", "validate-feelings", "body-language"}
TIMING_CHECKS = {"pace_ok", "no_long_pauses"}


@pytest.fixture(scope="module")
def drills():
    return load_drills()


def test_required_drills_ship(drills):
    assert REQUIRED <= {d.id for d in drills}


def test_drill_ids_are_technique_ids(drills):
    assert all(d.id in catalog.TECHNIQUE_IDS for d in drills)
    assert [d.id for d in drills] == sorted((d.id for d in drills), key=catalog.TECHNIQUE_IDS.index)


def test_drills_have_spoken_text_and_known_checks(drills):
    for drill in drills:
        assert drill.title and drill.setup and drill.goal and drill.tip
        assert len(drill.setup.split()) <= 45, drill.id
        assert set(drill.focus) <= set(CHECK_NAMES)


def test_validate_drill_has_partner_lines(drills):
    drill = drill_by_id(drills, "validate-feelings")
    assert len(drill.partner_lines) >= 3
    assert all(line.feeling and line.keep for line in drill.partner_lines)
    assert drill_by_id(drills, "no-such-drill") is None


def text_focus_results(drill, example):
    checks, _ = run_checks(drill, example.text, line=example.line or 0)
    return [checks[name] for name in drill.focus if name not in TIMING_CHECKS]


def test_good_examples_pass_every_text_check(drills):
    for drill in drills:
        for example in (e for e in drill.examples if e.good):
            assert all(text_focus_results(drill, example)), (drill.id, example.text)


def test_flawed_examples_fail_a_check(drills):
    for drill in drills:
        for example in (e for e in drill.examples if not e.good):
            assert not all(text_focus_results(drill, example)), (drill.id, example.text)


GOOD = '''id = "acknowledge"
title = "t"
setup = "s"
goal = "g"
tip = "p"
focus = ["question"]
[[examples]]
text = "a"
good = true
note = "n"
[[examples]]
text = "b"
good = false
note = "n"
'''


@pytest.mark.parametrize("name,content,key", [
    ("acknowledge.toml", GOOD.replace('title = "t"\n', ""), "title"),
    ("acknowledge.toml", GOOD.replace('setup = "s"', "setup = 3"), "setup"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = "question"'), "focus"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = ["questoin"]'), "focus[0]"),
    ("acknowledge.toml", GOOD.replace("good = true", 'good = "yes"'), "examples[0].good"),
    ("acknowledge.toml", GOOD.replace("good = true", "good = true\nline = 2"), "examples[0].line"),
    ("acknowledge.toml", GOOD.replace("good = true", "good = false"), "examples"),
    ("acknowledge.toml", "colour = 1\n" + GOOD, "colour"),
    ("acknowledge.toml", GOOD + "colour = 1\n", "examples[1].colour"),
    ("hugging.toml", GOOD.replace('id = "acknowledge"', 'id = "hugging"'), "id"),
    ("therapy.toml", GOOD, "id"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = ["reflection_kept_content"]'),
     "partner_lines"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = ["reflection_kept_content"]')
     + '[[partner_lines]]\nsay = "x"\nkeep = []\n', "partner_lines[0].feeling"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = ["no_advice"]'), "tips.no_advice"),
    ("acknowledge.toml", GOOD.replace('focus = ["question"]', 'focus = ["no_dismissal"]')
     + '[tips]\nno_dismissal = "x"\n', "praise.no_dismissal"),
    ("acknowledge.toml", GOOD + '[tips]\nno_advise = "x"\n', "tips.no_advise"),
    ("acknowledge.toml", GOOD + '[tips]\nno_advice = "say {advise}"\n', "tips.no_advice"),
    ("acknowledge.toml", GOOD + '[praise]\nno_advice = ""\n', "praise.no_advice"),
    ("acknowledge.toml", 'tips = ["x"]\n' + GOOD, "tips"),
    ("acknowledge.toml", 'also_trains = ["listening"]\n' + GOOD, "also_trains[0]"),
    ("acknowledge.toml", 'also_trains = ["acknowledge"]\n' + GOOD, "also_trains[0]"),
])
def test_broken_file_names_file_and_key(tmp_path, name, content, key):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_drills(tmp_path)
    assert caught.value.path.name == name
    assert caught.value.key == key
    assert name in str(caught.value) and key in str(caught.value)


def test_invalid_toml_and_empty_folder(tmp_path):
    with pytest.raises(ContentError, match="no drill files"):
        load_drills(tmp_path)
    (tmp_path / "acknowledge.toml").write_text('id = "acknowledge\n', encoding="utf-8")
    with pytest.raises(ContentError, match="acknowledge.toml.*not valid TOML"):
        load_drills(tmp_path)


def test_minimal_valid_file_loads(tmp_path):
    (tmp_path / "acknowledge.toml").write_text(GOOD, encoding="utf-8")
    (drill,) = load_drills(tmp_path)
    assert drill.id == "acknowledge" and drill.focus == ("question",) and drill.partner_lines == ()


def test_drill_remarks_load_and_quote_known_facts(tmp_path):
    extra = '[tips]\nno_advice = "Save {advice} for later."\n[praise]\nno_advice = "You listened."\n'
    (tmp_path / "acknowledge.toml").write_text(GOOD.replace('focus = ["question"]', 'focus = ["no_advice"]') + extra,
                                                encoding="utf-8")
    (drill,) = load_drills(tmp_path)
    assert dict(drill.tips) == {"no_advice": "Save {advice} for later."}
    assert dict(drill.praise) == {"no_advice": "You listened."}


def test_validate_drill_listens_without_fixing_or_dismissing(drills):
    drill = drill_by_id(drills, "validate-feelings")
    assert drill.focus[:2] == ("no_dismissal", "no_advice")
    assert {"no_advice", "no_dismissal"} <= dict(drill.tips).keys() & dict(drill.praise).keys()
