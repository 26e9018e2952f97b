// The ranking board of the phone ballot: the order, ties, the top k line, the arrow buttons and dragging.
// Loaded before ballot.js, whose screens call it; it uses that file's state and helpers (el, button, say,
// and t and counted for every sentence it shows).

// --- ranking -----------------------------------------------------------------------------------------------

function places() {
  return state.sheet.top_k || state.ballot.order.length;
}

// Each placed item's rank: its place, or the rank of the one above when tied to it (1, 1, 3).
function ranks() {
  const given = new Map();
  let previous = 0;
  state.ballot.order.slice(0, places()).forEach((id, index) => {
    previous = state.ballot.tied.has(id) ? previous : index + 1;
    given.set(id, previous);
  });
  return given;
}

function rankingBoard() {
  const list = el("ol", { class: "ranking", "aria-label": t("Your ranking, best first") });
  fillRanking(list);
  const parts = [list];
  if (state.sheet.allow_ties) {
    const hint = t("Tick “Same place as the one above” to give two the same place.");
    parts.unshift(el("p", { class: "hint", text: hint }));
  }
  return parts;
}

function topKLine() {
  const k = state.sheet.top_k;
  const words = counted(
    k,
    "Only your first choice counts; the rest stay unranked",
    "Only your top {n} count; the rest stay unranked",
  );
  return el("li", { class: "divider", role: "separator", "aria-label": words, text: words });
}

function fillRanking(list) {
  const given = ranks();
  const rows = state.ballot.order.map((id, index) => rankingRow(id, index, given.get(id)));
  list.replaceChildren(...rows);
  if (state.sheet.top_k) list.insertBefore(topKLine(), rows[state.sheet.top_k] || null);
}

function rankingRow(id, index, rank) {
  const title = titleOf(id);
  const last = state.ballot.order.length - 1;
  const row = el(
    "li",
    { class: rank ? "row" : "row unranked", "data-item": String(id) },
    el("span", { class: "handle", "aria-hidden": "true", text: "≡" }),
    el("span", { class: "place", text: rank ? `${rank}.` : "–" }),
    el("span", { class: "title", text: title }),
    el(
      "span",
      { class: "moves" },
      moveButton(id, title, "up", index === 0),
      moveButton(id, title, "down", index === last),
    ),
  );
  if (state.sheet.allow_ties && index > 0 && index < places()) row.append(tieBox(id, title));
  row.querySelector(".handle").addEventListener("pointerdown", (event) => startDrag(event, row));
  return row;
}

function moveButton(id, title, direction, disabled) {
  const step = direction === "up" ? -1 : 1;
  const label = direction === "up" ? t("Move {title} up", { title }) : t("Move {title} down", { title });
  const attributes = { "aria-label": label, "data-move": direction, disabled };
  return button(direction === "up" ? "▲" : "▼", () => moveBy(id, step, direction), attributes);
}

function tieBox(id, title) {
  const box = el("input", {
    type: "checkbox", id: `tie-${id}`, checked: state.ballot.tied.has(id),
    "aria-label": t("{title}: same place as the one above", { title }),
  });
  box.addEventListener("change", () => {
    if (box.checked) state.ballot.tied.add(id);
    else state.ballot.tied.delete(id);
    redrawRanking(id, `#tie-${id}`);
    const rank = ranks().get(id);
    const place = ordinal(rank);
    say(
      box.checked
        ? t("{title} now shares {place} place with the one above", { title, place })
        : t("{title} is now {place}", { title, place }),
    );
  });
  return el("label", { class: "tie", for: `tie-${id}` }, box, t("Same place as the one above"));
}

// A swap with the neighbour, as on the laptop: ties end for the two rows and for the rows below them.
function moveBy(id, step, direction) {
  const order = state.ballot.order;
  const here = order.indexOf(id);
  const there = here + step;
  if (there < 0 || there >= order.length) return;
  [order[here], order[there]] = [order[there], order[here]];
  for (const index of [here, there, here + 1, there + 1]) state.ballot.tied.delete(order[index]);
  const other = direction === "up" ? "down" : "up";
  redrawRanking(id, `[data-move="${direction}"]`, `[data-move="${other}"]`);
  sayPlace(id);
}

function sayPlace(id) {
  const rank = ranks().get(id);
  const title = titleOf(id);
  if (rank) {
    say(t("{title} is now {place}", { title, place: ordinal(rank) }));
  } else {
    const k = state.sheet.top_k;
    const place = ordinal(state.ballot.order.indexOf(id) + 1);
    say(t("{title} is now {place}, below your top {k}: it does not count", { title, place, k }));
  }
}

// Draws the rows again and gives the focus back to the control it was on (or its twin when that is off).
function redrawRanking(id, ...controls) {
  const list = document.querySelector(".ranking");
  fillRanking(list);
  const row = list.querySelector(`[data-item="${id}"]`);
  const found = controls.map((selector) => row.querySelector(selector));
  const target = found.find((control) => control && !control.disabled);
  if (target) target.focus();
}

// Dragging by the handle with a finger, pen or mouse: the row follows the pointer and swaps with a
// neighbour once the pointer passes the neighbour's middle. HTML drag and drop is left alone: touch lacks it.
function startDrag(event, row) {
  if (event.button > 0) return;
  event.preventDefault();
  const handle = event.currentTarget;
  handle.setPointerCapture(event.pointerId);
  const grab = event.clientY - row.getBoundingClientRect().top;
  const before = state.ballot.order.join(",");
  row.classList.add("dragging");
  const follow = (moved) => {
    keepInView(moved.clientY);
    swapPast(row, moved.clientY);
    row.style.transform = "none";
    row.style.transform = `translateY(${moved.clientY - grab - row.getBoundingClientRect().top}px)`;
  };
  const drop = () => {
    handle.removeEventListener("pointermove", follow);
    handle.removeEventListener("pointerup", drop);
    handle.removeEventListener("pointercancel", drop);
    const id = Number(row.dataset.item);
    const list = row.parentElement;
    const order = [...list.querySelectorAll("li.row")].map((found) => Number(found.dataset.item));
    if (order.join(",") !== before) {
      state.ballot.order = order;
      state.ballot.tied.clear(); // the neighbours changed, as when dragging on the laptop
      sayPlace(id);
    }
    fillRanking(list);
  };
  handle.addEventListener("pointermove", follow);
  handle.addEventListener("pointerup", drop);
  handle.addEventListener("pointercancel", drop);
}

function middleOf(element) {
  const box = element.getBoundingClientRect();
  return box.top + box.height / 2;
}

function swapPast(row, y) {
  const list = row.parentElement;
  for (;;) {
    const rows = [...list.querySelectorAll("li.row")];
    const index = rows.indexOf(row);
    // The neighbour moves, never the dragged row: a row taken out of the page loses the finger.
    if (index > 0 && y < middleOf(rows[index - 1])) row.after(rows[index - 1]);
    else if (index < rows.length - 1 && y > middleOf(rows[index + 1])) row.before(rows[index + 1]);
    else break;
  }
  const divider = list.querySelector(".divider");
  if (divider) list.querySelectorAll("li.row")[state.sheet.top_k - 1].after(divider);
}

function keepInView(y) {
  const edge = 64;
  if (y < edge) window.scrollBy(0, -16);
  else if (y > window.innerHeight - edge) window.scrollBy(0, 16);
}
