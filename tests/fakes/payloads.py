"""Every Discord payload the fake Discord sends or returns, built in one place.

Why one module: when a discord.py upgrade starts reading a new key, there is exactly one file
to fix (the canary test in tests/test_fake_discord_canary.py says which). Payloads follow
Discord API v10 as discord.py 2.7 parses it; only keys discord.py needs, plus those a test may
assert on, are filled in.

Factories return plain dicts (JSON-ready, snowflakes as strings). `World` bundles a guild with a
bot, an admin who has Manage Server and a member who does not, so tests do not hand-build them.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Payload = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions), as Discord sends them.
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_THREADS = 1 << 34
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 53) - 1

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_MESSAGES | MANAGE_THREADS

# Channel, interaction, command, option and component type numbers.
GUILD_TEXT = 0
DM = 1
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12

PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
APPLICATION_COMMAND_AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

CHAT_INPUT = 1
USER_COMMAND = 2
MESSAGE_COMMAND = 3

SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
BOOLEAN = 5
USER = 6
CHANNEL = 7
ROLE = 8
NUMBER = 10

ACTION_ROW = 1
BUTTON = 2
STRING_SELECT = 3
TEXT_INPUT = 4
LABEL = 18

_counter = itertools.count(1)


def snowflake() -> str:
    """A fresh, unique, time-ordered snowflake (as Discord sends it: a string)."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((millis << 22) | (next(_counter) & 0x3FFFFF))


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def _id(value: int | str | None) -> str:
    return snowflake() if value is None else str(value)


# --- people and places -------------------------------------------------------------------


def user(
    *,
    id: int | str | None = None,
    username: str = "alice",
    global_name: str | None = None,
    bot: bool = False,
) -> Payload:
    return {
        "id": _id(id),
        "username": username,
        "discriminator": "0",
        "global_name": global_name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


def role(
    *,
    id: int | str | None = None,
    name: str,
    permissions: int = 0,
    position: int = 1,
    managed: bool = False,
) -> Payload:
    return {
        "id": _id(id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "managed": managed,
        "mentionable": False,
        "flags": 0,
    }


def member(
    user_payload: Payload,
    *,
    roles: Iterable[int | str] = (),
    nick: str | None = None,
    permissions: int | None = None,
) -> Payload:
    """A guild member; `permissions` is only present in interaction payloads (as in Discord)."""
    data: Payload = {
        "user": user_payload,
        "roles": [str(r) for r in roles],
        "nick": nick,
        "avatar": None,
        "joined_at": iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def text_channel(
    *,
    guild_id: int | str,
    id: int | str | None = None,
    name: str = "general",
    position: int = 0,
    parent_id: int | str | None = None,
    topic: str | None = None,
    permission_overwrites: Sequence[Payload] = (),
) -> Payload:
    return {
        "id": _id(id),
        "type": GUILD_TEXT,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "parent_id": None if parent_id is None else str(parent_id),
        "topic": topic,
        "nsfw": False,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "default_auto_archive_duration": 1440,
        "permission_overwrites": list(permission_overwrites),
        "flags": 0,
    }


def thread(
    *,
    guild_id: int | str,
    parent_id: int | str,
    owner_id: int | str,
    name: str,
    id: int | str | None = None,
    private: bool = False,
    auto_archive_duration: int = 1440,
    archived: bool = False,
) -> Payload:
    """A thread channel; a thread started from a message shares that message's id."""
    return {
        "id": _id(id),
        "type": PRIVATE_THREAD if private else PUBLIC_THREAD,
        "guild_id": str(guild_id),
        "parent_id": str(parent_id),
        "owner_id": str(owner_id),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "applied_tags": [],
        "thread_metadata": {
            "archived": archived,
            "auto_archive_duration": auto_archive_duration,
            "archive_timestamp": iso_now(),
            "locked": False,
            "invitable": not private,
            "create_timestamp": iso_now(),
        },
    }


def dm_channel(*, recipient: Payload, id: int | str | None = None) -> Payload:
    return {"id": _id(id), "type": DM, "last_message_id": None, "recipients": [recipient]}


def message(
    *,
    channel_id: int | str,
    author: Payload,
    content: str = "",
    guild_id: int | str | None = None,
    member_payload: Payload | None = None,
    id: int | str | None = None,
    mentions: Sequence[Payload] = (),
    mention_roles: Sequence[int | str] = (),
    mention_everyone: bool = False,
    embeds: Sequence[Payload] = (),
    components: Sequence[Payload] = (),
    attachments: Sequence[Payload] = (),
    message_reference: Payload | None = None,
    flags: int = 0,
    webhook_id: int | str | None = None,
    application_id: int | str | None = None,
    interaction_metadata: Payload | None = None,
) -> Payload:
    """A message as MESSAGE_CREATE carries it (and as REST returns it).

    In a guild, pass `guild_id` and the author's `member_payload` (Discord sends the member
    without its `user`; this factory strips it for you).
    """
    data: Payload = {
        "id": _id(id),
        "type": 19 if message_reference else 0,
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": mention_everyone,
        "mentions": list(mentions),
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": list(attachments),
        "embeds": list(embeds),
        "components": list(components),
        "reactions": [],
        "pinned": False,
        "flags": flags,
        "nonce": None,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if member_payload is not None:
        data["member"] = {k: v for k, v in member_payload.items() if k != "user"}
    if message_reference is not None:
        data["message_reference"] = message_reference
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data


def attachment(*, filename: str, size: int = 0, id: int | str | None = None) -> Payload:
    attachment_id = _id(id)
    url = f"https://cdn.discordapp.com/attachments/0/{attachment_id}/{filename}"
    return {"id": attachment_id, "filename": filename, "size": size, "url": url, "proxy_url": url}


def embed(
    *,
    title: str | None = None,
    description: str | None = None,
    url: str | None = None,
    fields: Sequence[tuple[str, str]] = (),
) -> Payload:
    """A rich embed, e.g. to put on a message a test pretends the bot posted earlier."""
    data: Payload = {"type": "rich"}
    if title is not None:
        data["title"] = title
    if description is not None:
        data["description"] = description
    if url is not None:
        data["url"] = url
    if fields:
        data["fields"] = [{"name": n, "value": v, "inline": False} for n, v in fields]
    return data


def button(*, custom_id: str, label: str = "Vote", style: int = 1) -> Payload:
    return {"type": BUTTON, "custom_id": custom_id, "label": label, "style": style}


def string_select(
    *, custom_id: str, options: Sequence[tuple[str, str]], placeholder: str | None = None
) -> Payload:
    """A one-choice string select; `options` are (label, value) pairs."""
    return {
        "type": STRING_SELECT,
        "custom_id": custom_id,
        "options": [{"label": label, "value": value} for label, value in options],
        "placeholder": placeholder,
        "min_values": 1,
        "max_values": 1,
    }


def action_row(*components: Payload) -> Payload:
    return {"type": ACTION_ROW, "components": list(components)}


def component_ids(components: Sequence[Payload]) -> set[str]:
    """Every custom_id in a component tree (action rows, containers, sections, labels)."""
    found: set[str] = set()
    for component in components:
        if "custom_id" in component:
            found.add(component["custom_id"])
        children = list(component.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(component.get(key), dict):
                children.append(component[key])
        found |= component_ids(children)
    return found


def application(*, id: int | str, name: str, owner: Payload) -> Payload:
    """GET /oauth2/applications/@me (also the `application` in READY)."""
    return {
        "id": str(id),
        "name": name,
        "icon": None,
        "description": "Claimdeck under test",
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "terms_of_service_url": None,
        "privacy_policy_url": None,
        "owner": owner,
        "summary": "",
        "verify_key": "0" * 64,
        "team": None,
        "guild_id": None,
        "primary_sku_id": None,
        "slug": None,
        "cover_image": None,
        "flags": 0,
        "tags": [],
        "install_params": None,
        "custom_install_url": None,
        "role_connections_verification_url": None,
        "interactions_endpoint_url": None,
        "redirect_uris": [],
        "approximate_guild_count": 1,
        "approximate_user_install_count": 0,
        "bot": None,
    }


def guild(
    *,
    id: int | str,
    name: str,
    owner_id: int | str,
    roles: Sequence[Payload],
    channels: Sequence[Payload],
    members: Sequence[Payload],
    threads: Sequence[Payload] = (),
) -> Payload:
    """A full GUILD_CREATE payload (the first role must be @everyone, with the guild's id)."""
    return {
        "id": str(id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": list(roles),
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": iso_now(),
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "voice_states": [],
        "members": list(members),
        "channels": list(channels),
        "threads": list(threads),
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def member_permissions(guild_payload: Payload, member_payload: Payload) -> int:
    """Guild-level permissions of a member: @everyone OR its roles; owner/admin get all.

    Channel overwrites are not applied (the fake's channels have none by default).
    """
    if member_payload["user"]["id"] == guild_payload["owner_id"]:
        return ALL_PERMISSIONS
    by_id = {r["id"]: int(r["permissions"]) for r in guild_payload["roles"]}
    value = by_id.get(guild_payload["id"], 0)
    for role_id in member_payload["roles"]:
        value |= by_id.get(str(role_id), 0)
    return ALL_PERMISSIONS if value & ADMINISTRATOR else value


# --- gateway events ----------------------------------------------------------------------


def ready(
    *,
    user_payload: Payload,
    application_payload: Payload,
    guild_ids: Iterable[int | str],
    session_id: str,
    resume_gateway_url: str,
) -> Payload:
    """READY: guilds arrive unavailable and are filled in by GUILD_CREATE right after."""
    return {
        "v": 10,
        "user": user_payload,
        "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "shard": [0, 1],
        "application": {"id": application_payload["id"], "flags": application_payload["flags"]},
        "private_channels": [],
        "relationships": [],
        "user_settings": {},
        "geo_ordered_rtc_regions": [],
        "guild_join_requests": [],
    }


def thread_create(thread_payload: Payload, *, newly_created: bool = True) -> Payload:
    data = dict(thread_payload)
    data["newly_created"] = newly_created
    return data


def reaction_add(
    *,
    user_id: int | str,
    channel_id: int | str,
    message_id: int | str,
    emoji_name: str,
    guild_id: int | str | None = None,
    member_payload: Payload | None = None,
) -> Payload:
    data: Payload = {
        "user_id": str(user_id),
        "channel_id": str(channel_id),
        "message_id": str(message_id),
        "emoji": {"id": None, "name": emoji_name},
        "burst": False,
        "type": 0,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if member_payload is not None:
        data["member"] = member_payload
    return data


# --- interactions ------------------------------------------------------------------------


def option(name: str, value: Any, *, type: int | None = None, focused: bool = False) -> Payload:
    """One slash-command option; the type is inferred from the Python value when omitted."""
    if type is None:
        if isinstance(value, bool):
            type = BOOLEAN
        elif isinstance(value, int):
            type = INTEGER
        elif isinstance(value, float):
            type = NUMBER
        else:
            type = STRING
    data: Payload = {"name": name, "type": type, "value": value}
    if focused:
        data["focused"] = True
    return data


def subcommand(name: str, options: Sequence[Payload] = (), *, group: bool = False) -> Payload:
    return {
        "name": name,
        "type": SUB_COMMAND_GROUP if group else SUB_COMMAND,
        "options": list(options),
    }


def _options(options: Mapping[str, Any] | Sequence[Payload]) -> list[Payload]:
    if isinstance(options, Mapping):
        return [option(name, value) for name, value in options.items()]
    return list(options)


def interaction(
    *,
    type: int,
    data: Payload | None,
    application_id: int | str,
    guild_payload: Payload,
    channel_payload: Payload,
    member_payload: Payload,
    app_permissions: int = BOT_PERMISSIONS,
    message_payload: Payload | None = None,
    id: int | str | None = None,
    token: str | None = None,
    locale: str = "en-US",
) -> Payload:
    """INTERACTION_CREATE in a guild channel. `member.permissions` is computed from the guild's
    roles unless the member payload already carries one."""
    member_data = dict(member_payload)
    if "permissions" not in member_data:
        member_data["permissions"] = str(member_permissions(guild_payload, member_payload))
    interaction_id = _id(id)
    payload: Payload = {
        "id": interaction_id,
        "application_id": str(application_id),
        "type": type,
        "token": token or f"fake-token-{interaction_id}",
        "version": 1,
        "guild_id": guild_payload["id"],
        "guild": {"id": guild_payload["id"], "locale": "en-US", "features": []},
        "channel_id": channel_payload["id"],
        "channel": channel_payload,
        "member": member_data,
        "app_permissions": str(app_permissions),
        "locale": locale,
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_payload["id"]},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if data is not None:
        payload["data"] = data
    if message_payload is not None:
        payload["message"] = message_payload
    return payload


def command_data(
    *,
    name: str,
    type: int = CHAT_INPUT,
    command_id: int | str | None = None,
    command_guild_id: int | str | None = None,
    options: Mapping[str, Any] | Sequence[Payload] = (),
    target_id: int | str | None = None,
    resolved: Payload | None = None,
) -> Payload:
    """The `data` of an application-command interaction. `command_guild_id` must be set for a
    command synced to a guild (discord.py looks guild commands up by it)."""
    data: Payload = {"id": _id(command_id), "name": name, "type": type}
    opts = _options(options)
    if opts:
        data["options"] = opts
    if command_guild_id is not None:
        data["guild_id"] = str(command_guild_id)
    if target_id is not None:
        data["target_id"] = str(target_id)
    if resolved is not None:
        data["resolved"] = resolved
    return data


def component_data(
    *, custom_id: str, component_type: int = BUTTON, values: Sequence[str] = ()
) -> Payload:
    data: Payload = {"custom_id": custom_id, "component_type": component_type}
    if component_type != BUTTON:
        data["values"] = list(values)
    return data


def modal_data(*, custom_id: str, values: Mapping[str, str], labelled: bool = False) -> Payload:
    """Modal submit data: text inputs by custom_id, wrapped in action rows (classic modals) or
    in labels (`labelled=True`, discord.py's ui.Label)."""
    inputs = [{"type": TEXT_INPUT, "custom_id": cid, "value": v} for cid, v in values.items()]
    if labelled:
        components = [{"type": LABEL, "component": i} for i in inputs]
    else:
        components = [{"type": ACTION_ROW, "components": [i]} for i in inputs]
    return {"custom_id": custom_id, "components": components}


def interaction_callback(
    *,
    interaction_payload: Payload,
    callback_type: int,
    response_message: Payload | None,
) -> Payload:
    """The body of POST /interactions/{id}/{token}/callback?with_response=1 (an
    InteractionCallbackResponse)."""
    flags = (response_message or {}).get("flags", 0)
    body: Payload = {
        "interaction": {
            "id": interaction_payload["id"],
            "type": interaction_payload["type"],
            "response_message_loading": callback_type == 5,
            "response_message_ephemeral": bool(flags & 64),
        }
    }
    if response_message is not None:
        body["interaction"]["response_message_id"] = response_message["id"]
        body["resource"] = {"type": callback_type, "message": response_message}
    elif callback_type not in (1, 6):
        body["resource"] = {"type": callback_type}
    return body


def application_command(
    command: Payload, *, application_id: int | str, guild_id: int | str | None
) -> Payload:
    """Echo of a command registered through PUT .../commands, as Discord returns it."""
    data = dict(command)
    permissions = command.get("default_member_permissions")
    data.setdefault("type", CHAT_INPUT)
    data.setdefault("description", "")
    data.setdefault("options", [])
    data.update(
        id=snowflake(),
        application_id=str(application_id),
        version=snowflake(),
        default_member_permissions=None if permissions is None else str(permissions),
        dm_permission=command.get("dm_permission", True),
        nsfw=command.get("nsfw", False),
    )
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data


def error(message: str, code: int = 0) -> Payload:
    """Discord's JSON error body (discord.py shows `message` in HTTPException)."""
    return {"message": message, "code": code}


# --- a ready-made world ------------------------------------------------------------------


@dataclass
class World:
    """One guild as a test sees it: the bot, an admin with Manage Server, a plain member,
    a reviewer role and two text channels. Build with `World.default()` and adjust the dicts
    before the fake starts (the fake reads them at IDENTIFY and for REST answers)."""

    bot_user: Payload
    application: Payload
    guild: Payload
    admin: Payload  # member payload (with user) who has Manage Server
    member: Payload  # member payload (with user) without Manage Server
    bot_member: Payload
    channel: Payload  # the channel tests talk in (#news)
    other_channel: Payload
    reviewer_role: Payload
    extra_guilds: list[Payload] = field(default_factory=list)

    @classmethod
    def default(cls) -> World:
        guild_id = snowflake()
        bot_user = user(username="claimdeck", bot=True)
        admin_user = user(username="alice", global_name="Alice")
        plain_user = user(username="bob", global_name="Bob")
        everyone = role(id=guild_id, name="@everyone", permissions=EVERYONE_PERMISSIONS, position=0)
        admins = role(name="Admins", permissions=EVERYONE_PERMISSIONS | MANAGE_GUILD, position=2)
        reviewers = role(name="Reviewers", permissions=EVERYONE_PERMISSIONS, position=1)
        bot_role = role(name="claimdeck", permissions=BOT_PERMISSIONS, position=3, managed=True)
        admin = member(admin_user, roles=[admins["id"], reviewers["id"]])
        plain = member(plain_user)
        bot_member = member(bot_user, roles=[bot_role["id"]])
        news = text_channel(guild_id=guild_id, name="news", position=0)
        general = text_channel(guild_id=guild_id, name="general", position=1)
        owner = user(username="owner")
        guild_payload = guild(
            id=guild_id,
            name="Claimdeck Test Guild",
            owner_id=owner["id"],
            roles=[everyone, admins, reviewers, bot_role],
            channels=[news, general],
            members=[bot_member, admin, plain],
        )
        return cls(
            bot_user=bot_user,
            application=application(id=snowflake(), name="Claimdeck", owner=owner),
            guild=guild_payload,
            admin=admin,
            member=plain,
            bot_member=bot_member,
            channel=news,
            other_channel=general,
            reviewer_role=reviewers,
        )

    @property
    def guild_id(self) -> str:
        return self.guild["id"]

    @property
    def application_id(self) -> str:
        return self.application["id"]

    @property
    def guilds(self) -> list[Payload]:
        return [self.guild, *self.extra_guilds]

    def find_channel(self, channel_id: int | str) -> Payload | None:
        wanted = str(channel_id)
        for g in self.guilds:
            for ch in [*g["channels"], *g["threads"]]:
                if ch["id"] == wanted:
                    return ch
        return None

    def new_member(self, username: str, *, roles: Iterable[int | str] = ()) -> Payload:
        """Another member of the guild (added to its member list), e.g. one of 20 voters.

        The bot learns of them from the interactions they send, as with Discord's large guilds.
        """
        created = member(user(username=username), roles=roles)
        self.guild["members"].append(created)
        return created

    def find_member(self, user_id: int | str) -> Payload | None:
        wanted = str(user_id)
        return next((m for m in self.guild["members"] if m["user"]["id"] == wanted), None)

    # Convenience builders for the usual test shapes ------------------------------------

    def user_message(
        self,
        content: str,
        *,
        author: Payload | None = None,
        channel: Payload | None = None,
        **extra: Any,
    ) -> Payload:
        """MESSAGE_CREATE from a member (default: the plain member) in #news."""
        who = author or self.member
        return message(
            channel_id=(channel or self.channel)["id"],
            author=who["user"],
            member_payload=who,
            guild_id=self.guild_id,
            content=content,
            **extra,
        )

    def bot_message(self, *, channel: Payload | None = None, **extra: Any) -> Payload:
        """A message authored by the bot (e.g. a card posted before a restart)."""
        return message(
            channel_id=(channel or self.channel)["id"],
            author=self.bot_user,
            member_payload=self.bot_member,
            guild_id=self.guild_id,
            **extra,
        )

    def _interaction(
        self,
        type: int,
        data: Payload | None,
        *,
        by: Payload | None,
        channel: Payload | None,
        message_payload: Payload | None = None,
        app_permissions: int = BOT_PERMISSIONS,
    ) -> Payload:
        return interaction(
            type=type,
            data=data,
            application_id=self.application_id,
            guild_payload=self.guild,
            channel_payload=channel or self.channel,
            member_payload=by or self.member,
            message_payload=message_payload,
            app_permissions=app_permissions,
        )

    def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[Payload] = (),
        *,
        registered: Payload | None = None,
        by: Payload | None = None,
        channel: Payload | None = None,
        app_permissions: int = BOT_PERMISSIONS,
        resolved: Payload | None = None,
    ) -> Payload:
        """A /command interaction. Pass `registered` (from `FakeDiscord.registered_command`)
        so the command id and guild match what the bot synced."""
        data = command_data(
            name=name,
            options=options,
            command_id=(registered or {}).get("id"),
            command_guild_id=(registered or {}).get("guild_id"),
            resolved=resolved,
        )
        return self._interaction(
            APPLICATION_COMMAND, data, by=by, channel=channel, app_permissions=app_permissions
        )

    def autocomplete(
        self,
        name: str,
        options: Sequence[Payload],
        *,
        registered: Payload | None = None,
        by: Payload | None = None,
        channel: Payload | None = None,
    ) -> Payload:
        """Autocomplete: mark the option being typed with `option(..., focused=True)`."""
        data = command_data(
            name=name,
            options=options,
            command_id=(registered or {}).get("id"),
            command_guild_id=(registered or {}).get("guild_id"),
        )
        return self._interaction(APPLICATION_COMMAND_AUTOCOMPLETE, data, by=by, channel=channel)

    def message_command(
        self,
        name: str,
        target: Payload,
        *,
        registered: Payload | None = None,
        by: Payload | None = None,
        channel: Payload | None = None,
    ) -> Payload:
        """A message context-menu command run on `target` (a message payload)."""
        data = command_data(
            name=name,
            type=MESSAGE_COMMAND,
            command_id=(registered or {}).get("id"),
            command_guild_id=(registered or {}).get("guild_id"),
            target_id=target["id"],
            resolved={"messages": {target["id"]: target}},
        )
        return self._interaction(APPLICATION_COMMAND, data, by=by, channel=channel)

    def component(
        self,
        custom_id: str,
        *,
        message_payload: Payload,
        component_type: int = BUTTON,
        values: Sequence[str] = (),
        by: Payload | None = None,
        channel: Payload | None = None,
    ) -> Payload:
        """A click on a component (button by default) of `message_payload`; the component must
        be on that message (discord.py ignores clicks on components it cannot find there)."""
        if custom_id not in component_ids(message_payload.get("components") or []):
            raise ValueError(
                f"no component with custom_id {custom_id!r} on the message; add it with "
                "components=[action_row(button(custom_id=...))]"
            )
        data = component_data(custom_id=custom_id, component_type=component_type, values=values)
        return self._interaction(
            MESSAGE_COMPONENT, data, by=by, channel=channel, message_payload=message_payload
        )

    def modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, str],
        *,
        labelled: bool = False,
        message_payload: Payload | None = None,
        by: Payload | None = None,
        channel: Payload | None = None,
    ) -> Payload:
        data = modal_data(custom_id=custom_id, values=values, labelled=labelled)
        return self._interaction(
            MODAL_SUBMIT, data, by=by, channel=channel, message_payload=message_payload
        )
