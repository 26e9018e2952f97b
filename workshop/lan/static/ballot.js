// The phone ballot: choose your name, fill in your ballot, look it over once, cast it.
//
// It follows the laptop's ballot mode (workshop/ui/ballot/room.py) and its words. The page lives at
// /ROOMCODE/, so every request is relative ("api/round") and goes only to the laptop that served it.
// One screen at a time replaces the last in <main>: the ballot's elements are gone, not hidden, once it
// is cast, so nothing of it can be read again from the phone.
"use strict";

// The kinds of ballot by their names in the contract ("points"); the model's own names are taken too.
const KINDS = {
  ranking: "ranking", points: "points", impact_effort: "impact_effort",
  "100 points": "points", "impact-effort": "impact_effort",
};
const POINTS_STEP = 5;
const MANY_NAMES = 12; // more names than fit on a phone's screen: offer a box to find one's own

const state = { round: null, voter: null, sheet: null, ballot: null, texts: {} };

// --- words in the laptop's language ------------------------------------------------------------------------

// Gives `english` in the laptop's language (the sentences come with the round, from workshop/lan/texts.py),
// or the English itself, with each {key} replaced by values[key]. Every sentence the page shows goes through
// here or `counted`, so that a test can list them. Before the round's facts arrive (the first "cannot be
// reached") the page speaks English: there is nothing from the laptop yet.
function t(english, values = {}) {
  const sentence = state.texts[english] || english;
  return sentence.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// A counted sentence: the laptop sends the form for one and the form for many, each translated, and the
// page chooses as the app's `plural()` does in English.
function counted(n, one, many, values = {}) {
  return n === 1 ? t(one, { n, ...values }) : t(many, { n, ...values });
}

function noLaptop() {
  return t("The laptop could not be reached. Check you are on the room's Wi-Fi and try again.");
}

function howToVote(method) {
  if (method === "ranking") {
    return t(
      "Put the opportunities in your order of priority, most important first: drag a row by its handle " +
        "(≡), or move it with its ▲ and ▼ buttons. Then review your ballot.",
    );
  }
  if (method === "points") {
    return t("Spread 100 points over the opportunities: more points for what matters more.");
  }
  return t(
    "For each opportunity, rate how much it would help (impact) and how hard it would be (effort), " +
      "from 1 to 5.",
  );
}

// --- building screens --------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") element.textContent = value;
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

function button(label, onClick, attributes = {}) {
  const pressed = el("button", { type: "button", text: label, ...attributes });
  pressed.addEventListener("click", onClick);
  return pressed;
}

function problemLine() {
  return el("p", { class: "problem", role: "alert" });
}

// Replaces the screen shown, and takes the focus to its heading so a screen reader starts there.
function show(title, ...parts) {
  const heading = el("h1", { tabindex: "-1", text: title });
  const screen = el("section", { class: "screen" }, heading, ...parts);
  document.getElementById("screen").replaceChildren(screen);
  window.scrollTo(0, 0);
  heading.focus();
  return screen;
}

// Says something to a screen reader without moving the focus (a move, a tie, the points left).
let saying = 0;
function say(words) {
  const said = document.getElementById("said");
  said.textContent = "";
  window.clearTimeout(saying);
  saying = window.setTimeout(() => { said.textContent = words; }, 50); // a new node each time: said again
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return t("{n}th", { n });
  if (n % 10 === 1) return t("{n}st", { n });
  if (n % 10 === 2) return t("{n}nd", { n });
  if (n % 10 === 3) return t("{n}rd", { n });
  return t("{n}th", { n });
}

function pointsWord(n) {
  return counted(n, "{n} point", "{n} points");
}

// --- talking to the laptop ---------------------------------------------------------------------------------

class Refused extends Error {
  constructor(status, sentence) {
    super(sentence);
    this.status = status;
  }
}

async function ask(path, body) {
  const request = { cache: "no-store", credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    request.method = "POST";
    request.headers = { "Content-Type": "application/json", "X-Ballot-Csrf": state.round.csrf };
    request.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, request);
  } catch (unreachable) {
    throw new Refused(0, noLaptop());
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Refused(response.status, answer.error || noLaptop());
  }
  return answer;
}

// Shows why the laptop refused: a closed round has its own screen, anything else its sentence in `line`.
function refused(error, line) {
  if (error.status === 410) {
    showClosed(error.message);
    return;
  }
  line.textContent = "";
  window.setTimeout(() => { line.textContent = error.message; }, 50); // the same sentence is read again
}

// --- 1. choose your name -----------------------------------------------------------------------------------

async function start() {
  try {
    state.round = await ask("api/round");
    state.texts = state.round.texts || {};
  } catch (error) {
    if (error.status === 410) showClosed(error.message);
    else showUnreachable(error.message);
    return;
  }
  if (state.round.open) showNames();
  else showClosed();
}

function showUnreachable(sentence) {
  const line = el("p", { class: "problem", role: "alert", text: sentence });
  const again = button(t("Try again"), start, { class: "main" });
  show(t("Ballot"), line, el("div", { class: "buttons" }, again));
}

function plainWords(words) {
  return words.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function showNames() {
  forgetBallot();
  const round = state.round;
  const problem = problemLine();
  const names = el("ul", { class: "names", "aria-label": t("Who is voting?") });
  for (const voter of round.voters) {
    const label = el("span", { class: "name", text: voter.name });
    const chosen = button("", () => chooseName(voter, problem));
    chosen.replaceChildren(label, ...(voter.team ? [el("span", { class: "team", text: voter.team })] : []));
    names.append(el("li", { "data-words": plainWords(`${voter.name} ${voter.team || ""}`) }, chosen));
  }
  const parts = [
    el("p", { text: t("Choose your name.") }),
    el("p", {
      class: "hint",
      text: t(
        "If you have voted already, a new ballot replaces your earlier one; the facilitator sees that a " +
          "ballot was replaced, never what either one said.",
      ),
    }),
  ];
  if (round.voters.length > MANY_NAMES) parts.push(...findBox(names));
  if (!round.voters.length) {
    parts.push(el("p", { text: t("Nobody may vote in this round yet. Ask the facilitator.") }));
  }
  show(t("Ballot: {round}", { round: round.round }), ...parts, problem, names);
}

function findBox(names) {
  const box = el("input", { id: "find", type: "search", autocomplete: "off", spellcheck: "false" });
  box.addEventListener("input", () => {
    const wanted = plainWords(box.value.trim());
    for (const row of names.children) row.hidden = !row.dataset.words.includes(wanted);
  });
  return [el("label", { for: "find", text: t("Find your name") }), box];
}

function chooseName(voter, problem) {
  state.voter = voter;
  if (state.round.uses_codes) showCode();
  else openBallot({ voter: voter.id }, problem);
}

function showCode() {
  const field = el("input", {
    id: "code", type: "text", autocapitalize: "characters", autocomplete: "off", autocorrect: "off",
    spellcheck: "false", maxlength: "40", "aria-describedby": "code-problem",
  });
  const problem = problemLine();
  problem.id = "code-problem";
  const form = el(
    "form",
    { novalidate: true },
    el("label", { for: "code", text: t("Your code") }),
    field,
    problem,
    el(
      "div",
      { class: "buttons" },
      el("button", { type: "submit", class: "main", text: t("Open my ballot") }),
      button(t("Back to the names"), showNames),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    openBallot({ voter: state.voter.id, code: field.value }, problem, field);
  });
  const who = t("{name}, type the code on your card. Capitals, spaces and dashes do not matter.", {
    name: state.voter.name,
  });
  show(t("Your code"), el("p", { text: who }), form);
}

async function openBallot(request, problem, codeField = null) {
  try {
    state.sheet = await ask("api/sheet", request);
    state.sheet.method = KINDS[state.sheet.method];
  } catch (error) {
    if (codeField && error.status === 403) codeField.value = "";
    refused(error, problem);
    return;
  }
  state.ballot = freshBallot(state.sheet);
  showBallot();
}

// --- 2. the ballot -----------------------------------------------------------------------------------------

function freshBallot(sheet) {
  const ids = sheet.items.map((item) => item.id);
  if (sheet.method === "ranking") return { order: ids, tied: new Set() };
  if (sheet.method === "points") return { points: new Map(ids.map((id) => [id, 0])) };
  const middle = Math.round((sheet.rating_range[0] + sheet.rating_range[1]) / 2);
  return { ratings: new Map(ids.map((id) => [id, [middle, middle]])) };
}

function titleOf(id) {
  return state.sheet.items.find((item) => item.id === id).title;
}

function showBallot() {
  const sheet = state.sheet;
  const problem = problemLine();
  const review = button(t("Review my ballot"), () => showReview(), { class: "main" });
  const boards = { ranking: rankingBoard, points: pointsBoard, impact_effort: impactEffortBoard };
  const board = boards[sheet.method](review);
  show(
    t("Your ballot, {name}", { name: sheet.voter.name }),
    el("p", { text: howToVote(sheet.method) }),
    ...board,
    problem,
    el("div", { class: "buttons" }, review, button(t("Back to the names"), showNames)),
  );
}

// --- points ------------------------------------------------------------------------------------------------

function pointsLeft() {
  let given = 0;
  for (const points of state.ballot.points.values()) given += points;
  return state.sheet.points_budget - given;
}

function pointsBoard(review) {
  const budget = state.sheet.points_budget;
  const line = el("p", { class: "points-left", "aria-live": "polite" });
  const update = () => {
    const left = pointsLeft();
    line.textContent =
      left >= 0
        ? t("Points left: {left} of {budget}", { left, budget })
        : counted(
            -left,
            "{n} point too many: take some back to make {budget}",
            "{n} points too many: take some back to make {budget}",
            { budget },
          );
    line.classList.toggle("over", left < 0);
    review.disabled = left !== 0;
  };
  const rows = state.sheet.items.map((item) => pointsRow(item, update));
  update();
  return [line, el("ul", { class: "points" }, ...rows)];
}

function pointsRow(item, update) {
  const budget = state.sheet.points_budget;
  const field = el("input", {
    id: `points-${item.id}`, type: "number", inputmode: "numeric", min: "0", max: String(budget), step: "1",
    value: String(state.ballot.points.get(item.id)),
  });
  const give = (points) => {
    const kept = Math.min(budget, Math.max(0, Number.isFinite(points) ? Math.round(points) : 0));
    state.ballot.points.set(item.id, kept);
    update();
    return kept;
  };
  field.addEventListener("input", () => give(field.value === "" ? 0 : Number(field.value)));
  field.addEventListener("change", () => { field.value = String(give(Number(field.value))); });
  const stepped = { n: POINTS_STEP, title: item.title };
  const step = (by) => () => {
    field.value = String(give(state.ballot.points.get(item.id) + by));
  };
  return el(
    "li",
    {},
    el("label", { class: "title", for: field.id, text: item.title }),
    el(
      "div",
      { class: "stepper" },
      button("−", step(-POINTS_STEP), { "aria-label": t("{n} fewer points for {title}", stepped) }),
      field,
      button("+", step(POINTS_STEP), { "aria-label": t("{n} more points for {title}", stepped) }),
    ),
  );
}

// --- impact and effort -------------------------------------------------------------------------------------

function impactEffortBoard() {
  return state.sheet.items.map((item) =>
    el(
      "fieldset",
      {},
      el("legend", { text: item.title }),
      scale(item.id, 0, t("Impact (1 low – 5 high)"), "impact"),
      scale(item.id, 1, t("Effort (1 low – 5 high)"), "effort"),
    ),
  );
}

function scale(id, which, legend, name) {
  const [low, high] = state.sheet.rating_range;
  const choices = el("div", { class: "scale" });
  for (let value = low; value <= high; value += 1) {
    const radio = el("input", {
      type: "radio", name: `${name}-${id}`, value: String(value),
      checked: state.ballot.ratings.get(id)[which] === value,
    });
    radio.addEventListener("change", () => { state.ballot.ratings.get(id)[which] = value; });
    choices.append(el("label", { class: "choice" }, radio, el("span", { text: String(value) })));
  }
  const group = el("fieldset", {}, el("legend", { text: legend }), choices);
  group.dataset.rating = name;
  return group;
}

// --- 3. review, then cast ----------------------------------------------------------------------------------

function summary() {
  const ballot = state.ballot;
  if (state.sheet.method === "ranking") {
    const given = ranks();
    return ballot.order.filter((id) => given.has(id)).map((id) => `${given.get(id)}. ${titleOf(id)}`);
  }
  if (state.sheet.method === "points") {
    return [...ballot.points.entries()]
      .filter(([, points]) => points > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([id, points]) => `${pointsWord(points)}: ${titleOf(id)}`);
  }
  const rated = ([id, [impact, effort]]) =>
    t("{title}: impact {impact}, effort {effort}", { title: titleOf(id), impact, effort });
  return [...ballot.ratings].map(rated);
}

function whatToSend() {
  const ballot = state.ballot;
  const form = state.sheet.form;
  if (state.sheet.method === "ranking") return { form, ranks: Object.fromEntries(ranks()) };
  if (state.sheet.method === "points") {
    return { form, points: Object.fromEntries([...ballot.points].filter(([, points]) => points > 0)) };
  }
  return { form, ratings: Object.fromEntries(ballot.ratings) };
}

function showReview() {
  if (state.sheet.method === "points" && pointsLeft() !== 0) return;
  const problem = problemLine();
  const lines = summary().map((line) => el("li", { text: line }));
  const cast = button(t("Cast my ballot"), () => castBallot(cast, problem), { class: "main" });
  const parts = [el("ul", { class: "review plain", "aria-label": t("Your ballot") }, ...lines)];
  if (state.sheet.method === "ranking" && state.sheet.top_k) {
    parts.push(el("p", { class: "hint", text: t("The others stay unranked.") }));
  }
  const back = button(t("Go back and change it"), showBallot);
  show(t("Cast this ballot?"), ...parts, problem, el("div", { class: "buttons" }, cast, back));
}

async function castBallot(cast, problem) {
  cast.disabled = true; // one tap casts once
  try {
    const answer = await ask("api/ballot", whatToSend());
    showThanks(answer.message);
  } catch (error) {
    cast.disabled = false;
    refused(error, problem);
  }
}

// --- 4. thank you, or the round is closed ------------------------------------------------------------------

// Once cast (or the round closed), nothing of the ballot stays on the phone: not even the last move said.
function forgetBallot() {
  state.voter = state.sheet = state.ballot = null;
  say("");
}

function showThanks(message) {
  forgetBallot();
  show(
    message || t("Thank you — your ballot is saved."),
    el("p", {
      text: t(
        "You can put your phone away. To change your mind, vote again: a new ballot replaces this one.",
      ),
    }),
    el("div", { class: "buttons" }, button(t("Vote again (replaces your ballot)"), start)),
  );
}

function showClosed(sentence) {
  forgetBallot();
  const why = sentence || t("This round takes no more ballots. Thank you.");
  show(t("Voting is closed"), el("p", { text: why }));
}

document.addEventListener("DOMContentLoaded", start);
