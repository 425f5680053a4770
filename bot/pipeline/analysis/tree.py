"""Safe walks over spaCy's dependency tree.

spaCy builds a new ``Token`` object on every access, so ``token.head is token`` is never true,
not even at the root: a loop that climbs "until the head is itself" by identity never ends. Every
comparison of tokens here is by index, and every climb is bounded by the sentence it starts in
(a head never lies outside its sentence, so a sentence's length is the longest possible path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

# No real sentence has a dependency path longer than this; a run-on "sentence" of thousands of
# tokens still stops here, so one climb costs a bounded number of steps however long the input.
MAX_CLIMB = 64


def same(a: Token, b: Token) -> bool:
    """Whether two tokens of one Doc are the same token (identity never holds in spaCy)."""
    return a.i == b.i


def is_root(token: Token) -> bool:
    """The root of its sentence: its own head."""
    return token.head.i == token.i


def ancestors(token: Token, limit: int = MAX_CLIMB) -> Iterator[Token]:
    """The heads above ``token``, nearest first, at most ``limit`` of them.

    Stops at the sentence root; the bound also ends a walk on a malformed parse with a cycle.
    """
    current = token
    for _ in range(limit):
        head = current.head
        if head.i == current.i:
            return
        yield head
        current = head


def climb_while(token: Token, keep_climbing: Callable[[Token], bool]) -> Token:
    """The first token at or above ``token`` for which ``keep_climbing`` is false, or the highest
    token reached (the root, or where the bound stops the walk)."""
    current = token
    if not keep_climbing(current):
        return current
    for head in ancestors(token):
        current = head
        if not keep_climbing(current):
            break
    return current
