from bot.pipeline.summarize import summarize

STORY = [
    "The city council approved a new budget on Monday that cuts library funding by 12 percent.",
    "Council members voted 7-2 in favour of the budget after a four-hour meeting.",
    "Click here to subscribe.",
    "The library cuts will close two branches on weekends, the budget documents show.",
    "Library funding has been cut three times in the past decade, critics of the budget said.",
    "The weather was mild for the time of year and many residents went to the beach instead.",
]


def test_summary_starts_with_the_lead_and_keeps_article_order():
    summary = summarize(STORY)
    assert summary[0] == STORY[0]
    assert 2 <= len(summary) <= 3
    positions = [STORY.index(s) for s in summary]
    assert positions == sorted(positions)


def test_summary_prefers_central_sentences_over_asides_and_fragments():
    summary = summarize(STORY)
    assert "Click here to subscribe." not in summary
    assert STORY[5] not in summary  # off-topic aside


def test_summary_skips_near_duplicates():
    story = [
        "Flooding forced 3,000 people from their homes in the river valley on Sunday.",
        "Flooding forced 3,000 people from their homes in the valley on Sunday, officials said.",
        "Rescue teams used boats to reach villages cut off by the rising river water.",
    ]
    summary = summarize(story)
    assert not (story[0] in summary and story[1] in summary)
    assert story[2] in summary


def test_a_single_short_paragraph_is_its_own_summary():
    assert summarize(["Officials said the bridge will reopen in May."]) == (
        "Officials said the bridge will reopen in May.",
    )
    assert summarize([]) == ()
