from bot.ratelimit import Limit, LinkLimits


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_member_limit_refuses_then_recovers_after_the_window():
    clock = FakeClock()
    limits = LinkLimits(member=Limit(2, 60), guild=Limit(100, 60), clock=clock)
    assert limits.check(1, 10) is None
    clock.now += 0.5
    assert limits.check(1, 10) is None
    refusal = limits.check(1, 10)
    assert refusal == (
        "Slow down: you have asked for 2 cards in the last minute. "
        "I skipped this link; try again in 60 s."
    )
    assert limits.check(1, 11) is None  # another member is not affected
    clock.now += 61
    assert limits.check(1, 10) is None


def test_guild_limit_applies_across_members_and_says_when_to_retry():
    clock = FakeClock()
    limits = LinkLimits(member=Limit(10, 60), guild=Limit(3, 60), clock=clock)
    for member in (1, 2, 3):
        assert limits.check(7, member) is None
    clock.now += 20.2
    refusal = limits.check(7, 4)
    assert refusal is not None and refusal.startswith("This server has asked for 3 cards")
    assert refusal.endswith("try again in 40 s.")
    assert limits.check(8, 4) is None  # other guilds are independent


def test_members_who_went_quiet_are_forgotten():
    clock = FakeClock()
    limits = LinkLimits(member=Limit(1, 60), guild=Limit(1000, 60), clock=clock)
    for member in range(100):
        limits.check(1, member)
    clock.now += 61
    for member in range(100):
        assert limits.check(1, member) is None
    clock.now += 61
    limits.check(1, 0)
    assert len(limits.member._events) == 1
