"""Ballots from phones over the room's own network: a small web server on the facilitator's laptop.

The laptop serves one ballot page, bundled in `static/`, to the phones in the room; nothing comes from
the internet. Ballots go through the same model code as the laptop's ballot mode (`model.ballots`), one
transaction each, so a round can be voted from phones, from the laptop, or both at once.

What travels, all under the room's address `http://ADDRESS:PORT/ROOMCODE/` (the room code is the random
room token: 8 letters and digits nobody misreads, any case, dashes ignored):

- `GET  /`                       a page asking for the room code shown on the screen
- `GET  /ROOMCODE/`               the ballot page (`static/index.html`); its script and style sheet come
                                  from `/static/`
- `GET  /ROOMCODE/api/round`      JSON: the round's name, kind and rules, the voters' names, and a `csrf`
                                  token that every POST sends back in the `X-Ballot-Csrf` header
- `POST /ROOMCODE/api/sheet`      `{"voter": ID, "code": "K7Q-2MX"}` (code only when the round uses
                                  codes): a clean ballot for that voter in their own neutral order, with a
                                  one-time `form` token
- `POST /ROOMCODE/api/ballot`     `{"form": TOKEN, "ranks" | "points" | "ratings": {...}}`: casts it
- `GET  /ROOMCODE/api/status`     `{"open": bool}`: whether the round still takes ballots

Nothing ever serves a result or anyone's ballot. Every refusal is JSON `{"error": SENTENCE}` with a
status saying what kind it was (400 malformed, 403 wrong token, code or voter, 404 no such room, 409 a
form already used, 410 round closed, 413 too large, 415 not JSON, 429 too many requests, 503 the laptop
could not save it: its file busy or its disk full).
"""
