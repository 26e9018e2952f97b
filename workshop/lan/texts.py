"""The phone page's sentences, in the laptop's language: the page asks for them with the round's rules.

The phone page (static/ballot.js, ranking.js) writes every sentence it shows in English, looks it up by
that English in what `phone_texts()` gives, and shows the English when the laptop sends no translation.
Each sentence here is written exactly as the page writes it, its values as {placeholders} the page fills
in after the look-up; tests/lan/test_phone_texts.py keeps the two lists the same.

Counted sentences come as two entries, the form for one and the form for many, and the page chooses by
`n === 1`, as `wording.plural` does for English. A language with more plural forms gets its form for
"many" at every count above one: the page cannot ask the catalogue for each count it might show.

The pages shown before the laptop answers (the room code's page, "Opening the ballot…", the sentence
saying the laptop cannot be reached on the first try) stay in English: nothing has come from the laptop yet.
"""

from __future__ import annotations

from workshop.wording import fixed, tr

# fixed("...") so that the catalogue tool finds each (see workshop/ui/i18n.py); grouped by screen.
PHONE_SENTENCES: tuple[str, ...] = (
    # Reaching the laptop
    fixed("The laptop could not be reached. Check you are on the room's Wi-Fi and try again."),
    fixed("Ballot"), fixed("Try again"),
    # Choosing one's name, and one's code
    fixed("Ballot: {round}"), fixed("Who is voting?"), fixed("Choose your name."),
    fixed(
        "If you have voted already, a new ballot replaces your earlier one; the facilitator sees that a "
        "ballot was replaced, never what either one said."
    ),
    fixed("Nobody may vote in this round yet. Ask the facilitator."), fixed("Find your name"),
    fixed("Your code"), fixed("Open my ballot"), fixed("Back to the names"),
    fixed("{name}, type the code on your card. Capitals, spaces and dashes do not matter."),
    # The ballot
    fixed("Your ballot, {name}"), fixed("Review my ballot"),
    fixed(
        "Put the opportunities in your order of priority, most important first: drag a row by its handle "
        "(≡), or move it with its ▲ and ▼ buttons. Then review your ballot."
    ),
    fixed("Spread 100 points over the opportunities: more points for what matters more."),
    fixed(
        "For each opportunity, rate how much it would help (impact) and how hard it would be (effort), "
        "from 1 to 5."
    ),
    # Ranking
    fixed("Your ranking, best first"),
    fixed("Tick “Same place as the one above” to give two the same place."),
    fixed("Only your first choice counts; the rest stay unranked"),
    fixed("Only your top {n} count; the rest stay unranked"),
    fixed("Move {title} up"), fixed("Move {title} down"),
    fixed("Same place as the one above"), fixed("{title}: same place as the one above"),
    fixed("{title} now shares {place} place with the one above"), fixed("{title} is now {place}"),
    fixed("{title} is now {place}, below your top {k}: it does not count"),
    # A place said aloud ("2nd"): a language without these endings gives all four the same form
    fixed("{n}st"), fixed("{n}nd"), fixed("{n}rd"), fixed("{n}th"),
    # Points
    fixed("{n} point"), fixed("{n} points"),
    fixed("Points left: {left} of {budget}"),
    fixed("{n} point too many: take some back to make {budget}"),
    fixed("{n} points too many: take some back to make {budget}"),
    fixed("{n} fewer points for {title}"), fixed("{n} more points for {title}"),
    # Impact and effort
    fixed("Impact (1 low – 5 high)"), fixed("Effort (1 low – 5 high)"),
    fixed("{title}: impact {impact}, effort {effort}"),
    # Review, cast, thanks, closed
    fixed("Cast this ballot?"), fixed("Your ballot"), fixed("The others stay unranked."),
    fixed("Cast my ballot"), fixed("Go back and change it"),
    fixed("Thank you — your ballot is saved."),
    fixed("You can put your phone away. To change your mind, vote again: a new ballot replaces this one."),
    fixed("Vote again (replaces your ballot)"),
    fixed("Voting is closed"), fixed("This round takes no more ballots. Thank you."),
)  # fmt: skip


def phone_texts() -> dict[str, str]:
    """Gives each of the phone page's sentences, by its English, in the user's language."""
    return {english: tr(english) for english in PHONE_SENTENCES}
