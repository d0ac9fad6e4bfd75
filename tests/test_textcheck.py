"""The text check gives concrete advice on a draft post, and never chokes on odd text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from somekurs.exercises.textcheck import PLATFORM_LIMITS, analyse, clean_text
from somekurs.prose import lix

GOOD = "Ferja går som vanlig i morgen. Se rutetidene på nettsiden vår."


def codes(text: str, platform: str = "facebook", **kwargs) -> dict[str, str]:
    return {f.code: f.level for f in analyse(text, platform, **kwargs).findings}


def test_a_plain_short_post_passes_without_advice() -> None:
    report = analyse(GOOD, "x")
    assert report.ok and report.findings == [] and report.score == 1.0


def test_lix_is_the_course_lix_and_a_hard_text_must_be_simplified() -> None:
    hard = (
        "Kommunikasjonsavdelingens informasjonsvirksomhet vedrørende samfunnssikkerhetsmessige "
        "beredskapsforberedelser gjennomføres kontinuerlig i samarbeid med fylkeskommunale myndigheter."
    )
    report = analyse(hard, "facebook", lix_max=40)
    assert report.lix == lix(hard) and report.lix > 40
    lix_finding = [f for f in report.findings if f.code == "lix"][0]
    assert lix_finding.level == "må" and "kortere setninger" in lix_finding.message


def test_length_over_a_platform_rule_is_a_must_and_names_the_limit() -> None:
    report = analyse("a " * 200, "x")
    finding = [f for f in report.findings if f.code == "lengde-regel"][0]
    assert finding.level == "må" and "X tillater høyst 280" in finding.message and not report.ok


def test_length_over_course_advice_is_labelled_as_advice_not_a_platform_rule() -> None:
    assert not PLATFORM_LIMITS["facebook"].rule
    report = analyse("Kort ord her. " * 40, "facebook")
    finding = [f for f in report.findings if f.code == "lengde-anbefalt"][0]
    assert finding.level == "bør" and "anbefalte lengde" in finding.message and "ikke en regel" in finding.message


def test_run_together_hashtag_gets_camelcase_advice() -> None:
    found = analyse("Les mer om kurset. #sosialemedier", "instagram").findings
    advice = [f for f in found if f.code == "emneknagg-camelcase"]
    assert advice and "#sosialemedier" in advice[0].message and "#SosialeMedier" in advice[0].message
    assert "emneknagg-camelcase" not in codes("Les mer om kurset. #SosialeMedier", "instagram")
    assert "emneknagg-store" in codes("Les mer. #BEREDSKAP")


def test_emoji_in_the_middle_of_a_sentence_must_move_but_at_the_end_is_fine() -> None:
    assert codes("Vi har 🎉 åpent i dag.")["emoji-midt"] == "må"
    assert "emoji-midt" not in codes("Vi har åpent i dag 🎉")
    assert "emoji-midt" not in codes("Vi har åpent i dag. 🎉 Velkommen!")


def test_many_emoji_gets_advice_and_a_skin_tone_or_flag_counts_as_one() -> None:
    assert codes("Velkommen! 👍🏽🇳🇴🎉") == {}
    assert codes("Velkommen! 👍🏽🇳🇴🎉😀")["emoji-mange"] == "bør"


def test_lix_is_not_judged_on_a_few_words() -> None:
    assert "lix" not in codes("Velkommen!")


def test_missing_or_empty_alt_text_must_be_written_when_the_post_has_an_image() -> None:
    assert codes(GOOD, needs_image=True)["alt-mangler"] == "må"
    assert codes(GOOD, needs_image=True, alt_text="bilde")["alt-kort"] == "må"
    assert "alt-bilde-av" in codes(GOOD, needs_image=True, alt_text="Bilde av ferja som legger til kai i Florø.")
    assert codes(GOOD, needs_image=True, alt_text="Ferja legger til kai i Florø en solrik morgen.") == {}


def test_all_caps_words_get_advice_but_short_acronyms_do_not() -> None:
    assert codes("Dette er VIKTIG for alle.")["store-bokstaver"] == "bør"
    assert "store-bokstaver" not in codes("Kontakt NAV eller NTNU.")


def test_click_here_link_text_must_be_replaced() -> None:
    finding = [f for f in analyse("Klikk her for å søke.", "facebook").findings if f.code == "lenketekst"][0]
    assert finding.level == "må" and "«Klikk her»" in finding.message


def test_control_characters_and_odd_line_breaks_are_cleaned() -> None:
    assert clean_text("a\r\nb\x00c\u2028d\x1b") == "a\nbc\nd"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=3000),
    platform=st.sampled_from([*PLATFORM_LIMITS, "ukjent"]),
    alt=st.none() | st.text(max_size=200),
    needs_image=st.booleans(),
    lix_max=st.none() | st.floats(0, 100),
)
def test_any_text_gives_a_report(text: str, platform: str, alt: str | None, needs_image: bool, lix_max: float | None) -> None:
    report = analyse(text, platform, alt_text=alt, needs_image=needs_image, lix_max=lix_max)
    assert 0 <= report.score <= 1
    assert all(f.level in ("må", "bør") and f.message for f in report.findings)
