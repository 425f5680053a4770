"""The "Why?" modal: rationale and evidence link are refused, never repaired, when unsafe."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.credibility import (
    BadEvidenceLink,
    BadRationale,
    EmptyWhy,
    Why,
    check_evidence_url,
    check_rationale,
    check_why,
)
from bot.errors import ClaimdeckError


def test_a_rationale_is_trimmed_and_keeps_its_line_breaks() -> None:
    assert check_rationale("  The figure is from a 2019 report.\r\nSee page 4.\t ") == (
        "The figure is from a 2019 report.\nSee page 4."
    )
    assert check_rationale("   ") == ""
    assert check_rationale(None) == ""


def test_a_rationale_may_hold_mentions_markdown_and_emoji_for_the_renderer_to_escape() -> None:
    text = "@everyone **bold** <@123> 👩‍👩‍👧 ok"
    assert check_rationale(text) == text


def test_a_rationale_over_300_characters_is_refused_with_the_limit() -> None:
    assert len(check_rationale("x" * 300)) == 300
    with pytest.raises(BadRationale) as refused:
        check_rationale("x" * 301)
    assert "301" in str(refused.value) and "300" in str(refused.value)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066"])
def test_control_and_text_reversing_characters_are_refused(char: str) -> None:
    with pytest.raises(BadRationale) as refused:
        check_rationale(f"looks fine{char}txt.exe")
    assert "control characters" in str(refused.value)


@pytest.mark.parametrize(
    "link",
    [
        "https://www.reuters.com/world/some-story-2025-06-16/",
        "http://example.org/a?b=c#d",
        "HTTPS://Example.COM/Path",
        "https://例え.jp/記事",
        "https://93.184.216.34/report.pdf",
        "https://[2606:4700::6810:84e5]/",
        "https://example.com:8443/x",
    ],
)
def test_public_web_links_are_accepted_as_typed(link: str) -> None:
    assert check_evidence_url(f"  {link} ") == link


def test_a_blank_link_is_no_link() -> None:
    assert check_evidence_url("   ") is None
    assert check_evidence_url(None) is None


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("javascript:alert(document.cookie)", "only http:// and https://"),
        ("JaVaScRiPt:alert(1)", "only http:// and https://"),
        ("data:text/html;base64,PHNjcmlwdD4=", "only http:// and https://"),
        ("ftp://example.com/file.txt", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("example.com/story", "only http:// and https://"),
        ("//example.com/story", "only http:// and https://"),
        ("http://127.0.0.1/", "not public"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[::ffff:169.254.169.254]/", "cloud metadata"),
        ("http://10.0.0.5/admin", "not public"),
        ("http://192.168.1.1/", "not public"),
        ("http://[::1]:8080/", "not public"),
        ("http://2130706433/", "not public"),
        ("http://0x7f.1/", "not public"),
        ("http://0/", "not public"),
        ("http://user@example.com/", "user name"),
        ("https://www.reuters.com:443@evil.example/", "user name"),
        ("http://user:secret@example.com/", "user name"),
        ("https://example.com\\@evil.example/", "backslashes"),
        ("https://exa mple.com/", "spaces"),
        ("https://example.com/\x00", "invisible"),
        ("https://example.com/\u202egnp.exe", "invisible"),
        ("http://localhost:8000/", "real web site"),
        ("http://printer.localhost/", "own machine"),
        ("http://intranet/", "real web site"),
        ("http://999.1.1.1/", "malformed"),
        ("https:///path-only", "no web site"),
        ("https://example.com:99999/", "not a valid web address"),
        ("https://[nonsense]/", "not a valid web address"),
        ("https://-bad-.example.com/", "real web site"),
        ("https://example.com/" + "a" * 500, "the limit is 500"),
    ],
)
def test_bad_evidence_links_are_refused_with_a_clear_sentence(link: str, says: str) -> None:
    with pytest.raises(BadEvidenceLink) as refused:
        check_evidence_url(link)
    sentence = str(refused.value)
    assert says in sentence
    assert sentence.endswith(".")
    # The refusal never echoes what was typed (no way to smuggle a ping or a link through it).
    assert link not in sentence and "@" not in sentence and "javascript" not in sentence.lower()


def test_the_modal_needs_a_reason_or_a_link() -> None:
    assert check_why("  From the ministry's own data. ", "") == Why(
        "From the ministry's own data.", None
    )
    assert check_why("", "https://example.com/data") == Why(None, "https://example.com/data")
    assert check_why("see", "https://example.com/") == Why("see", "https://example.com/")
    with pytest.raises(EmptyWhy) as refused:
        check_why("  ", None)
    assert "reason" in str(refused.value) and "link" in str(refused.value)


def test_refusals_are_claimdeck_errors_the_error_handler_shows_as_they_are() -> None:
    for error in (BadRationale, BadEvidenceLink, EmptyWhy):
        assert issubclass(error, ClaimdeckError)


@given(st.text(max_size=400))
def test_any_rationale_is_stored_clean_or_refused_with_a_sentence(text: str) -> None:
    try:
        stored = check_rationale(text)
    except BadRationale as error:
        assert str(error)
        return
    assert len(stored) <= 300
    assert stored == stored.strip()
    assert "\r" not in stored
    assert all(c in "\n\t" or c.isprintable() or c.isspace() or ord(c) > 0x9F for c in stored)


_schemes = st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", "data", ""])
_users = st.sampled_from(["", "user@", "a:b@", "@"])
_hosts = st.sampled_from(
    ["example.com", "127.0.0.1", "169.254.169.254", "[::1]", "localhost", "0x7f.1", "例え.jp",
     "[::ffff:10.0.0.1]", "93.184.216.34", "a", "", "1.2.3.4.5", "exa_mple.com"]
)
_rests = st.sampled_from(["", "/", ":80/", ":x/", "/p?q=1#f", "/ a", "/\\@evil.com"])


@given(_schemes, _users, _hosts, _rests, st.text(max_size=20))
def test_any_link_is_a_public_web_link_or_refused(
    scheme: str, user: str, host: str, rest: str, noise: str
) -> None:
    for text in (f"{scheme}://{user}{host}{rest}", f"{scheme}:{host}{rest}{noise}", noise):
        try:
            link = check_evidence_url(text)
        except BadEvidenceLink as error:
            assert str(error)
            continue
        if link is None:
            assert not text.strip()
            continue
        assert link.lower().startswith(("http://", "https://"))
        assert "@" not in link.split("/")[2]
        assert not any(c.isspace() for c in link)
        assert len(link) <= 500
