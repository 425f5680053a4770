"""Everything that shows Claimdeck in Discord, one owner per kind of message.

- :mod:`.render`: embeds within Discord's limits, escaped, never pinging;
- :mod:`.card_message`: the whole card message, ``(embed, view)``, from the stored state;
- :mod:`.components`: the persistent buttons and pickers (``claimdeck:<kind>:<ids>``);
- :mod:`.modals`: the "Why?" form;
- :mod:`.publisher`: posts a card, re-renders it in place (coalesced), answers "already carded".

Cards are made in ``bot/pipeline``, kept in ``storage``, decided on in ``bot/credibility``
and shown here. ``discord`` is imported only here, in ``bot/app.py`` and in ``cogs/``.
"""
