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
    assert limits.check(1, 10) is None
    refusal = limits.check(1, 10)
    assert refusal is not None and "2 links" in refusal and "60 s" in refusal
    assert limits.check(1, 11) is None  # another member is not affected
    clock.now += 61
    assert limits.check(1, 10) is None


def test_guild_limit_applies_across_members_and_says_when_to_retry():
    clock = FakeClock()
    limits = LinkLimits(member=Limit(10, 60), guild=Limit(3, 60), clock=clock)
    for member in (1, 2, 3):
        assert limits.check(7, member) is None
    clock.now += 20
    refusal = limits.check(7, 4)
    assert refusal is not None and "This server" in refusal and "40 s" in refusal
    assert limits.check(8, 4) is None  # other guilds are independent
