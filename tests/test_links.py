from bot.links import find_links


def test_finds_links_in_order_and_trims_sentence_punctuation():
    text = "Read https://news.example.com/a. Also (see https://example.org/b), ok?"
    assert find_links(text) == ["https://news.example.com/a", "https://example.org/b"]


def test_suppressed_links_in_angle_brackets_are_skipped():
    assert find_links("no preview <https://example.com/x> but https://example.com/y") == [
        "https://example.com/y"
    ]


def test_links_in_code_are_examples_not_articles():
    assert find_links("try `https://example.com/a` or ```\nhttps://example.com/b\n```") == []


def test_at_most_three_links_and_tracking_copies_count_once():
    text = " ".join(
        [
            "https://a.example/1?utm_source=x",
            "https://a.example/1",
            "https://b.example/2",
            "https://c.example/3",
            "https://d.example/4",
        ]
    )
    assert find_links(text) == [
        "https://a.example/1?utm_source=x",
        "https://b.example/2",
        "https://c.example/3",
    ]


def test_keeps_balanced_brackets_inside_urls():
    url = "https://en.wikipedia.org/wiki/Example_(disambiguation)"
    assert find_links(f"see {url}.") == [url]


def test_only_http_and_https():
    assert find_links("ftp://example.com/file javascript:alert(1) mailto:a@b.c") == []


def test_malformed_links_are_skipped_without_losing_the_good_ones():
    text = "https://ex..com/a https://example.com:99999/x https://[::1/x https://example.org/ok"
    assert find_links(text) == ["https://example.org/ok"]
