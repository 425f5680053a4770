import ipaddress
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_environment_overrides_dotenv(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\nexport DISCORD_TOKEN='from-file'\nCLAIMDECK_DEV_GUILD=123\n", encoding="utf-8"
    )
    settings = Settings.load({"DISCORD_TOKEN": "from-env"}, dotenv)
    assert settings.token == "from-env"
    assert settings.dev_guild == 123
    assert "from-env" not in repr(settings)


def test_missing_token_names_the_variable_and_the_fix(tmp_path: Path):
    settings = Settings.load({}, tmp_path / "absent.env")
    with pytest.raises(ConfigError, match=r"DISCORD_TOKEN is not set.*\.env"):
        settings.require_token()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CLAIMDECK_DEV_GUILD": "my-server"}, "CLAIMDECK_DEV_GUILD must be a numeric"),
        ({"CLAIMDECK_WORKERS": "0"}, "CLAIMDECK_WORKERS must be a whole number"),
        ({"CLAIMDECK_ANALYSIS_TIMEOUT": "soon"}, "CLAIMDECK_ANALYSIS_TIMEOUT must be a whole"),
        ({"CLAIMDECK_LOG_LEVEL": "loud"}, "CLAIMDECK_LOG_LEVEL must be"),
        ({"CLAIMDECK_STORE": "postgres://db/claimdeck"}, "CLAIMDECK_STORE must be sqlite:///"),
        ({"CLAIMDECK_STORE": "/srv/claimdeck.db"}, "CLAIMDECK_STORE must be sqlite:///"),
        ({"CLAIMDECK_SHARD": "2/2"}, r"CLAIMDECK_SHARD must be <shard>/<count>.*'2/2'"),
        ({"CLAIMDECK_SHARD": "1"}, "CLAIMDECK_SHARD must be"),
        ({"CLAIMDECK_SHARD": "0/0"}, "CLAIMDECK_SHARD must be"),
        ({"CLAIMDECK_SHARD": "-1/2"}, "CLAIMDECK_SHARD must be"),
        ({"CLAIMDECK_SHARD": "١/٢"}, "CLAIMDECK_SHARD must be"),
    ],
)
def test_malformed_settings_are_named(tmp_path: Path, env: dict[str, str], message: str):
    with pytest.raises(ConfigError, match=message):
        Settings.load(env, tmp_path / "absent.env")


def test_malformed_dotenv_line_is_reported_with_its_line_number(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DISCORD_TOKEN=x\nthis is not a setting\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        Settings.load({}, dotenv)


def test_a_malformed_line_is_not_echoed_because_it_may_hold_the_token(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DISCORD_TOKEN: MTA4secret\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        Settings.load({}, dotenv)
    assert "MTA4secret" not in str(refused.value)


def test_a_windows_bom_is_accepted_and_utf16_is_explained(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("\ufeffDISCORD_TOKEN=abc\n", encoding="utf-8")
    assert Settings.load({}, dotenv).token == "abc"
    dotenv.write_text("DISCORD_TOKEN=abc\n", encoding="utf-16")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        Settings.load({}, dotenv)


def test_a_bad_fetch_allowlist_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="CLAIMDECK_FETCH_ALLOW"):
        Settings.load({"CLAIMDECK_FETCH_ALLOW": "not a host!"}, tmp_path / "absent.env")


def test_the_fetch_allowlist_can_come_from_dotenv(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("CLAIMDECK_FETCH_ALLOW=10.0.0.0/8\n", encoding="utf-8")
    policy = Settings.load({}, dotenv).fetch_policy
    assert policy.allow.permits("intranet", ipaddress.ip_address("10.1.2.3"))


def test_the_analysis_budget_is_a_setting(tmp_path: Path):
    absent = tmp_path / "absent.env"
    assert Settings.load({}, absent).analysis_budget == 20
    assert Settings.load({"CLAIMDECK_ANALYSIS_TIMEOUT": "45"}, absent).analysis_budget == 45


def test_several_processes_share_a_sqlite_store_each_as_its_own_shard(tmp_path: Path):
    absent = tmp_path / "absent.env"
    alone = Settings.load({"CLAIMDECK_DATA_DIR": str(tmp_path)}, absent)
    assert alone.store_url == f"tinydb://{tmp_path.resolve()}" and alone.shard_options == {}
    shared = Settings.load(
        {"CLAIMDECK_STORE": "sqlite:///srv/claimdeck.db", "CLAIMDECK_SHARD": " 1 / 4 "}, absent
    )
    assert shared.store_url == "sqlite:///srv/claimdeck.db"
    assert shared.shard_options == {"shard_id": 1, "shard_count": 4}
