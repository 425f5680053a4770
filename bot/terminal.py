"""Readable terminal text: a claim card (``claimdeck card``) and a card's history
(``claimdeck history``)."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC

from bot.credibility import HistoryEntry
from bot.cues import past_tense
from bot.models import Claim, ClaimCard
from bot.safe_text import strip_hidden

WIDTH = 88

# C0 and C1 control characters (but not newline): an article must not drive the terminal
# (escape sequences can retitle windows, hide text or write the clipboard).
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print: controls become spaces; bidi overrides and zero-width characters,
    which would reorder or hide what is shown, are dropped (see ``bot.safe_text``)."""
    return strip_hidden(_CONTROLS.sub(" ", text))


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
    )


def _claim_line(claim: Claim) -> str:
    speaker = claim.speaker or "Unattributed"
    if claim.speaker_role:
        speaker = f"{speaker} ({claim.speaker_role})"
    cue = f" {past_tense(claim.cue)}" if claim.cue else ""
    body = f"“{claim.text}”" if claim.quote else claim.text
    # "accused China of …" reads as one phrase; other cues introduce what was said.
    joiner = " " if claim.target and claim.text.startswith(claim.target) else ": "
    line = f"[{claim.id}] {speaker}{cue}{joiner}{body}"
    extras = []
    if claim.quantities:
        extras.append("numbers: " + ", ".join(q.text for q in claim.quantities))
    if claim.hedge:
        extras.append(f"hedged: {claim.hedge}")
    if claim.reported_by:
        extras.append(f"reported by {claim.reported_by}")
    if extras:
        line += f"  ({'; '.join(extras)})"
    return _wrap(line, indent="      ", first="  • ")


def format_card(card: ClaimCard) -> str:
    """Headline, source line, summary, claims, awaited and received responses."""
    article = card.article
    source = " · ".join(
        part
        for part in (
            article.site,
            article.author,
            article.published.isoformat() if article.published else None,
        )
        if part
    )
    lines = [article.title or "(untitled)", "=" * min(WIDTH, len(article.title or "(untitled)"))]
    if source:
        lines.append(source)
    if article.url:
        lines.append(article.url)
    lines += ["", "Summary"]
    lines += [_wrap(sentence, first="  ") for sentence in card.summary] or ["  (none)"]
    lines += ["", f"Claims ({len(card.claims)})"]
    lines += [_claim_line(claim) for claim in card.claims] or ["  (no attributed claims found)"]
    if card.pending_responses:
        lines += ["", "Awaiting response"]
        for pending in card.pending_responses:
            asker = f", asked by {pending.requested_by}" if pending.requested_by else ""
            text = f"{pending.party} — {pending.status.value}{asker}"
            lines.append(_wrap(text, first="  • ", indent="    "))
    if card.responses:
        lines += ["", "Responses"]
        for response in card.responses:
            answers = f" (answers {response.answers_claim})" if response.answers_claim else ""
            text = f"{response.party} — {response.stance.value}{answers}: {response.text}"
            lines.append(_wrap(text, first="  • ", indent="    "))
    if card.analysed_chars:
        lines += ["", f"(Long article: claims come from its first {card.analysed_chars:,} "
                      "characters.)"]
    if card.entities:
        mentioned = "Mentioned: " + ", ".join(e.text for e in card.entities[:15])
        lines += ["", _wrap(mentioned, first="", indent="  ")]
    return printable("\n".join(lines))


def history_line(entry: HistoryEntry) -> str:
    """One event of ``claimdeck history``: UTC time, who, what (whatever people typed is quoted
    and made printable)."""
    when = entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    who = f"member {entry.actor_id}" if entry.actor_id is not None else "Claimdeck"
    line = f"{when}  {who}  {entry.text}"
    if entry.quote:
        line += f" “{' '.join(entry.quote.split())}”"
    if entry.link:
        line += f" <{entry.link}>"
    return printable(line)
