"""extract() and article_from_text(): what ends up on a card, and which pages are refused."""

from __future__ import annotations

import base64
import json
import random
import unicodedata
from datetime import date
from html import escape as html_escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import NotAnArticle
from bot.pipeline.extract import article_from_text, extract
from bot.pipeline.fetch import decode_body
from bot.pipeline.language import detect_language, reads_as_language
from tests.pipeline.test_urls import FETCHED, SPOOFING_CANONICALS

PAGE_URL = "https://www.example.org/news/some-story"


@pytest.fixture(scope="module")
def expected(fixtures_dir: Path) -> dict:
    return json.loads((fixtures_dir / "seed" / "expected.json").read_text(encoding="utf-8"))


def page(fixtures_dir: Path, name: str) -> str:
    return (fixtures_dir / "extract" / name).read_text(encoding="utf-8")


# --- the seed article -----------------------------------------------------------------------


def test_seed_text_keeps_the_story_and_drops_the_boilerplate(seed_html: str, expected: dict):
    text = extract(seed_html, PAGE_URL).text.casefold()
    for wanted in expected["text_must_contain"]:
        assert wanted.casefold() in text
    for junk in expected["text_must_not_contain"]:
        assert junk.casefold() not in text


def test_seed_title_and_date_match_the_page(seed_html: str, expected: dict):
    article = extract(seed_html, PAGE_URL)
    assert article.title == expected["title"]
    assert article.published == date.fromisoformat(expected["published"])


def test_seed_text_is_one_paragraph_per_line_without_the_headline(seed_html: str):
    article = extract(seed_html, PAGE_URL)
    assert len(article.paragraphs) >= 8
    assert article.paragraphs[0].startswith("Ukraine’s foreign intelligence service")
    assert all(p == p.strip() and "  " not in p for p in article.paragraphs)


def test_declared_canonical_url_wins_over_the_fetched_one(seed_html: str):
    article = extract(seed_html, "https://news.example.test/?p=48211&utm_source=x")
    assert article.url == (
        "http://news.example.test/world/ukraine-alleges-china-is-supplying-russias-military-industry/"
    )
    assert article.site == "news.example.test"
    assert article.language == "en"


# --- metadata ----------------------------------------------------------------------------------


def test_metadata_of_a_german_article(fixtures_dir: Path):
    article = extract(page(fixtures_dir, "german.html"), "https://abendpost.example/?p=123")
    assert article.title == "Stadtrat beschließt neue Radwege für die Innenstadt"
    assert article.author == "Katrin Vogel"
    assert article.published == date(2025, 5, 21)
    assert article.site == "Rheinische Abendpost"
    assert (
        article.url == "https://www.abendpost.example/lokales/stadtrat-radwege-innenstadt-123.html"
    )
    assert article.language == "de"  # another language is reported, not refused
    assert "8,5 Millionen Euro" in article.text
    assert "Meistgelesen" not in article.text


def test_without_declared_canonical_the_given_url_and_its_host_are_used(fixtures_dir: Path):
    article = extract(page(fixtures_dir, "no_title.html"), "https://www.example.org/a/b")
    assert article.url == "https://www.example.org/a/b"
    assert article.site == "example.org"


def test_relative_canonical_is_ignored(seed_html: str):
    html = seed_html.replace(
        'href="http://news.example.test/world/ukraine-alleges-china-is-supplying-russias-military-industry/"',
        'href="/world/ukraine-alleges/"',
    )
    assert extract(html, PAGE_URL).url == PAGE_URL
    assert extract(html).url == ""


def test_site_name_is_removed_from_the_title_element(fixtures_dir: Path):
    html = page(fixtures_dir, "short.html").replace(
        '<meta property="og:title" content="Water main break closes Elm Street">', ""
    )
    html = html.replace("<h1>Water main break closes Elm Street</h1>", "<h2>Elm Street</h2>")
    assert extract(html, PAGE_URL).title == "Water main break closes Elm Street"


def test_page_without_title_is_named_by_its_first_words(fixtures_dir: Path):
    article = extract(page(fixtures_dir, "no_title.html"), PAGE_URL)
    assert article.title.startswith("Residents of the northern district will vote")
    assert article.title.endswith("…")
    assert article.published is None
    assert article.author is None


# --- pages that are not articles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "explains"),
    [
        ("home.html", "home page"),
        ("login.html", "sign in"),
        ("paywall.html", "subscribe"),
        ("empty.html", "only 11 words"),
        ("error404.html", "error page"),
    ],
)
def test_non_article_pages_are_refused_with_a_reason(fixtures_dir: Path, fixture, explains):
    with pytest.raises(NotAnArticle) as refused:
        extract(page(fixtures_dir, fixture), PAGE_URL)
    message = str(refused.value)
    assert explains in message
    assert message.startswith("That page")
    assert message.endswith(".")


def test_home_page_with_a_welcome_blurb_is_still_a_home_page(fixtures_dir: Path):
    blurb = (
        "<p>Welcome to The Daily Ledger, the independent voice of the valley since 1887. We "
        "cover local government, schools, business and sports, and we rely on readers like you "
        "to keep reporting.</p>"
    )
    html = page(fixtures_dir, "home.html").replace("<h1", blurb + "<h1", 1)
    with pytest.raises(NotAnArticle, match="home page"):
        extract(html, PAGE_URL)


def test_short_story_with_a_number_or_not_found_in_its_title_is_no_error_page(
    fixtures_dir: Path,
):
    html = page(fixtures_dir, "short.html").replace(
        "Water main break closes Elm Street", "Water main break: 500 homes dry, cause not found"
    )
    article = extract(html, PAGE_URL)
    assert article.title == "Water main break: 500 homes dry, cause not found"


def test_short_news_item_under_a_login_header_is_accepted(fixtures_dir: Path):
    article = extract(page(fixtures_dir, "short.html"), PAGE_URL)
    assert article.title == "Water main break closes Elm Street"
    assert article.published == date(2025, 2, 11)
    assert "Drivers should use Oak Street instead." in article.text


@pytest.mark.parametrize("junk", ["", "   \n\t", "\x00\x01\x02\xff\xfe" * 50, "<html></html>"])
def test_empty_or_binary_input_is_refused_not_crashed(junk: str):
    with pytest.raises(NotAnArticle) as refused:
        extract(junk, PAGE_URL)
    assert "article" in str(refused.value)


def test_broken_html_still_yields_the_text(seed_html: str):
    broken = seed_html.replace("</p>", "").replace("</div>", "")[:-200]
    article = extract(broken, PAGE_URL)
    assert "We have confirmed evidence involving 20 Russian factories" in article.text


# --- language ------------------------------------------------------------------------------------

SAMPLES = {
    "en": "The minister said on Monday that the government would not change its plans for "
    "the budget, despite protests by farmers who have blocked roads for a week.",
    "de": "Der Minister sagte am Montag, dass die Regierung ihre Pläne für den Haushalt nicht "
    "ändern werde, obwohl die Bauern seit einer Woche Straßen blockieren.",
    "fr": "Le ministre a déclaré lundi que le gouvernement ne changerait pas ses plans pour le "
    "budget, malgré les manifestations des agriculteurs qui bloquent les routes.",
    "es": "El ministro dijo el lunes que el gobierno no cambiará sus planes para el presupuesto, "
    "pese a las protestas de los agricultores que bloquean las carreteras.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_is_read_from_the_text(code: str):
    assert detect_language(SAMPLES[code]) == code


def test_text_outweighs_a_template_lang_attribute():
    assert detect_language(SAMPLES["fr"], declared="en-US") == "fr"


def test_too_little_text_falls_back_to_the_declared_language():
    assert detect_language("Brexit", declared="en-GB") == "en"
    assert detect_language("Brexit") is None


# --- text that is not language --------------------------------------------------------------------

OTHER_SCRIPTS = [
    "Министерство заявило, что завод поставлял детали для военной промышленности.",
    "外交部发言人表示，中方一贯反对任何形式的制裁，并呼吁各方通过对话解决分歧。",
    "政府は月曜日、新しい経済対策を発表したと述べた。",
    "قال المتحدث باسم الوزارة إن المصنع زود الجيش بقطع الغيار يوم الاثنين.",
    "דובר המשרד אמר כי המפעל סיפק חלקים לתעשייה הצבאית ביום שני.",
]
HARD_BUT_REAL = [
    "The FTSE 100 rose 1.2% to 8,123.45 on Tuesday; the S&P 500 fell 0.4% to 5,432.10. Brent "
    "crude was $82.15 a barrel, up 35 cents. Gold: $2,345/oz (+0.3%). 10-year yield: 4.21%.",
    "Arsenal 2-1 Chelsea\nLiverpool 3-0 Everton\nThe results leave Arsenal top with 72 points.",
    "Fans cheered 🎉🎉 as the team won 🏆. “Amazing!” said one 😀. The club was proud 💙.",
    "Apple said iPhone and iPad sales rose while eBay and PayPal met McDonald's at YouTube.",
    "Read more at https://www.example.com/news/2025/05/21/some-very-long-story-slug today.",
]


def random_bytes(seed: int, size: int) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size))


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_in_a_text_file_are_refused(seed: int):
    # The finding: random bytes in a .txt gave a card of garbage and exit code 0.
    text = decode_body(random_bytes(seed, 4000), None, is_html=False)
    with pytest.raises(NotAnArticle, match="does not read as writing in any language"):
        article_from_text(text)


@pytest.mark.parametrize(
    "blob",
    [
        base64.b64encode(random_bytes(7, 1500)).decode(),
        random_bytes(8, 1500).hex(),
        " ".join(str(n) for n in range(400)),
    ],
)
def test_an_encoded_blob_or_a_page_of_numbers_is_refused(blob: str):
    with pytest.raises(NotAnArticle, match="does not read as writing in any language"):
        article_from_text(blob)


@pytest.mark.parametrize("text", [*SAMPLES.values(), *OTHER_SCRIPTS, *HARD_BUT_REAL])
def test_writing_in_any_script_reads_as_language(text: str):
    assert reads_as_language(text)
    assert article_from_text(text).text


@given(seed=st.integers(0, 2**32), size=st.integers(100, 6000))
@settings(max_examples=60, deadline=None)
def test_no_random_bytes_of_100_or_more_read_as_language(seed: int, size: int):
    assert not reads_as_language(decode_body(random_bytes(seed, size), None, is_html=False))


_WORDS = [word for sample in [*SAMPLES.values(), *OTHER_SCRIPTS] for word in sample.split()]


@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=200),
       noise=st.sampled_from(["", "\x1b[31m", "\x07", "\u202e", " — ", " 42 "]))
def test_words_of_real_languages_read_as_language_in_any_order(words: list[str], noise: str):
    assert reads_as_language(noise.join(words) if len(words) > 20 else " ".join(words))


# --- plain text -----------------------------------------------------------------------------------


def test_single_paragraph_text_is_an_article():
    paragraph = SAMPLES["en"]
    article = article_from_text(paragraph)
    assert article.text == paragraph
    assert article.title.startswith("The minister said on Monday")
    assert article.language == "en"
    assert article.url == ""


def test_headline_line_of_a_text_file_becomes_the_title():
    text = f"Farmers block roads as budget talks stall\n\n{SAMPLES['en']}\n"
    article = article_from_text(text, url="https://www.example.org/story.txt")
    assert article.title == "Farmers block roads as budget talks stall"
    assert article.paragraphs == [SAMPLES["en"]]
    assert article.site == "example.org"


def test_first_line_that_is_not_a_headline_stays_in_the_text(fixtures_dir: Path):
    text = (fixtures_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    article = article_from_text(text)
    assert article.paragraphs[0] == "16 C"  # page furniture is not taken for the headline
    assert article.title.startswith("16 C New York")
    assert "We have confirmed evidence involving 20 Russian factories" in article.text
    assert article.language == "en"


def test_given_title_is_kept_and_text_analysed_as_given():
    article = article_from_text("Short line\nSecond line.", title="My title")
    assert article.title == "My title"
    assert article.paragraphs == ["Short line", "Second line."]


def test_empty_text_is_refused():
    with pytest.raises(NotAnArticle, match="empty"):
        article_from_text(" \n \n")


# --- a page cannot claim to be another site -------------------------------------------------------

SEED_CANONICAL = (
    "http://news.example.test/world/ukraine-alleges-china-is-supplying-russias-military-industry/"
)
FAKE_CANONICAL = "https://www.reuters.com/world/europe/made-up-story-2025-05-21/"


def with_canonical(seed_html: str, canonical: str) -> str:
    return seed_html.replace(f'href="{SEED_CANONICAL}"', f'href="{canonical}"')


def test_a_canonical_on_another_domain_is_ignored(seed_html: str):
    article = extract(with_canonical(seed_html, FAKE_CANONICAL), "https://evil.example/story")
    assert article.url == "https://evil.example/story"
    assert article.site == "evil.example"


def test_an_og_url_on_another_domain_is_ignored(seed_html: str):
    html = seed_html.replace(
        f'<link rel="canonical" href="{SEED_CANONICAL}">',
        f'<meta property="og:url" content="{FAKE_CANONICAL}">',
    )
    assert FAKE_CANONICAL in html and SEED_CANONICAL not in html
    article = extract(html, "https://evil.example/story")
    assert article.url == "https://evil.example/story"
    assert article.site == "evil.example"


@pytest.mark.parametrize(
    ("fetched", "canonical"),
    [
        ("https://amp.nytimes.com/2025/05/21/world/story.amp.html", "https://www.nytimes.com/s"),
        ("https://nytimes.com/s?utm_source=x", "https://www.nytimes.com/s"),
        ("https://m.bbc.co.uk/news/123", "https://www.bbc.co.uk/news/123"),
        ("https://www.abc.net.au/news/1", "https://abc.net.au/news/1"),
        ("http://news.example.test/?p=1", "https://news.example.test/story/"),
    ],
)
def test_a_canonical_on_the_same_site_is_used(seed_html: str, fetched: str, canonical: str):
    assert extract(with_canonical(seed_html, canonical), fetched).url == canonical


@pytest.mark.parametrize(
    ("fetched", "canonical"),
    [
        ("https://www.evil.co.uk/story", "https://www.bbc.co.uk/news/123"),
        ("https://evil.com.au/story", "https://www.abc.com.au/news/1"),
        ("https://nytimes.com.evil.example/s", "https://www.nytimes.com/s"),
        ("https://evilnytimes.com/s", "https://www.nytimes.com/s"),
        ("https://203.0.113.7/s", "https://203.0.113.8/s"),
        ("https://news.example.test/s", "ftp://news.example.test/s"),
    ],
)
def test_a_canonical_on_another_site_is_not_used(seed_html: str, fetched: str, canonical: str):
    article = extract(with_canonical(seed_html, canonical), fetched)
    assert article.url == fetched
    assert article.site == urlsplit(fetched).hostname.removeprefix("www.")


@pytest.mark.parametrize("declared", SPOOFING_CANONICALS)
@pytest.mark.parametrize("where", ["link", "og:url"])
def test_a_page_cannot_link_the_card_to_another_site_by_a_spelling_trick(
    seed_html: str, declared: str, where: str
):
    # The finding: on evil.example, <link rel="canonical" href="https://www.reuters.com\@evil
    # .example/x"> was taken as same-site (urlsplit reads evil.example) while a browser opens
    # www.reuters.com, so the card linked to Reuters.
    html = with_canonical(seed_html, html_escape(declared))
    if where == "og:url":
        html = html.replace(
            f'<link rel="canonical" href="{html_escape(declared)}">',
            f'<meta property="og:url" content="{html_escape(declared)}">',
        )
    article = extract(html, FETCHED)
    assert article.url == FETCHED
    assert article.site == "evil.example"


@pytest.mark.parametrize("source", [None, "file:///home/me/article.html"])
def test_a_local_file_keeps_its_declared_canonical(seed_html: str, source: str | None):
    article = extract(with_canonical(seed_html, FAKE_CANONICAL), source)
    assert article.url == FAKE_CANONICAL
    assert article.site == "reuters.com"


@pytest.mark.parametrize("claimed", ["Reuters.com", "www.reuters.com", "BBC.co.uk News"])
def test_a_site_name_naming_another_domain_gives_way_to_the_fetched_host(
    seed_html: str, claimed: str
):
    html = seed_html.replace(
        "</head>", f'<meta property="og:site_name" content="{claimed}"></head>', 1
    )
    assert extract(html, "https://www.evil.example/story").site == "evil.example"


@pytest.mark.parametrize(
    ("claimed", "fetched"),
    [
        ("The New York Times", "https://evil.example/story"),
        ("NYTimes.com", "https://www.nytimes.com/2025/story.html"),
        ("Dr. Smith's Notes", "https://evil.example/story"),
    ],
)
def test_a_site_name_that_names_no_other_domain_is_shown(
    seed_html: str, claimed: str, fetched: str
):
    html = seed_html.replace(
        "</head>", f'<meta property="og:site_name" content="{claimed}"></head>', 1
    )
    assert extract(html, fetched).site == claimed


# --- control characters never leave extract() ---------------------------------------------------

CONTROLS = "&#27;]0;PWNED&#7;&#27;]52;c;cHduZWQ=&#7;&#155;31m&#127;"


def assert_no_controls(value: str | None, keep: str = "") -> None:
    assert value is not None
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in keep]
    assert bad == []


def test_control_characters_are_stripped_from_every_field(seed_html: str):
    html = seed_html.replace(
        "</head>",
        f'<meta name="author" content="Jane{CONTROLS} Doe">'
        f'<meta property="og:site_name" content="Herald{CONTROLS}"></head>',
        1,
    )
    html = html.replace("Ukraine Alleges China", f"Ukraine{CONTROLS} Alleges\tChina")
    html = html.replace("foreign intelligence service", f"foreign{CONTROLS} intelligence\tservice")
    article = extract(html, "https://news.example.test/story")
    for value in (article.title, article.author, article.site):
        assert_no_controls(value)
    assert_no_controls(article.text, keep="\n")
    assert article.title.startswith("Ukraine]0;PWNED")
    assert "Alleges China" in article.title
    assert article.author.startswith("Jane]0;PWNED")
    assert "intelligence service" in article.text


def test_control_characters_are_stripped_from_plain_text():
    text = f"Farmers\x1b]0;PWNED\x07 block roads\x9b31m as talks stall\n\n{SAMPLES['en']}\x07\t!\n"
    article = article_from_text(text, title=None)
    assert article.title == "Farmers]0;PWNED block roads31m as talks stall"
    assert article.paragraphs == [SAMPLES["en"] + " !"]
    given = article_from_text(SAMPLES["en"], title="Given\x1b]0;x\x07 title")
    assert given.title == "Given]0;x title"


def test_an_error_page_title_is_not_quoted_in_the_refusal(fixtures_dir: Path):
    html = page(fixtures_dir, "error404.html").replace(
        "find that page</h1>", "find that page [Claim your prize](https://phish.example)</h1>"
    )
    assert "phish" in html
    with pytest.raises(NotAnArticle) as refused:
        extract(html, PAGE_URL)
    message = str(refused.value)
    assert "error page" in message
    assert "phish" not in message
    assert "[" not in message


def test_a_page_without_text_says_so_plainly():
    html = (
        "<html><head><title>Budget talks</title></head><body><div><img src=x></div></body></html>"
    )
    with pytest.raises(NotAnArticle) as refused:
        extract(html, PAGE_URL)
    assert "(it has no text)." in str(refused.value)


# --- garbage in: a typed refusal or an article, never a crash ----------------------------------


def test_a_lone_surrogate_neither_crashes_nor_empties_the_article(seed_html: str):
    article = extract(seed_html.replace("foreign intelligence", "foreign\ud800 intelligence"))
    assert "intelligence service" in article.text
    assert article_from_text("Budget talks\ud800 stall in the capital\nFarmers block roads.").title


def garbled_pages(seed: bytes, count: int) -> list[bytes]:
    """Random bytes, truncated copies and byte-flipped copies of a real page (fixed seed)."""
    rng = random.Random(20250521)
    pages = []
    for index in range(count):
        if index % 3 == 0:
            pages.append(rng.randbytes(rng.randrange(1, 2000)))
        elif index % 3 == 1:
            pages.append(seed[: rng.randrange(len(seed))])
        else:
            flipped = bytearray(seed)
            for _ in range(40):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            pages.append(bytes(flipped))
    return pages


def test_garbled_pages_are_read_or_refused_never_crash(fixtures_dir: Path):
    seed = (fixtures_dir / "seed" / "article.html").read_bytes()
    for number, data in enumerate(garbled_pages(seed, 24)):
        text = decode_body(data, ("utf-8", "utf-16", "bogus", None)[number % 4], is_html=True)
        for reader in (extract, article_from_text):
            try:
                article = reader(text, "https://news.example.test/story")
            except NotAnArticle as refused:
                assert str(refused).endswith(".")
            else:
                assert_no_controls(article.text, keep="\n")
                assert_no_controls(article.title)


def test_hidden_characters_are_dropped_where_article_text_enters(seed_html: str):
    hidden = "\u202e\u200b\u2066\ufeff\U000e0041"
    html = seed_html.replace("<title>", f"<title>{hidden}", 1)
    html = html.replace('content="Ukraine Alleges', f'content="Ukraine{hidden} Alleges', 1)
    html = html.replace("Ukraine’s foreign intelligence", f"Ukraine’s{hidden} foreign intelligence")
    article = extract(html, PAGE_URL)
    fields = [article.title, article.text, article.author or "", article.site or ""]
    assert not any(char in hidden for field in fields for char in field)
    assert article.title.startswith("Ukraine Alleges")
    assert "Ukraine’s foreign intelligence" in article.text
    text = article_from_text(f"Mayor{hidden} says bridge will reopen\nThe mayor said{hidden} so.")
    assert not any(char in hidden for char in text.title + text.text)
    assert text.title == "Mayor says bridge will reopen"
