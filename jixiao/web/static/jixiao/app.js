// The editable indicator grid: add rows (htmx inserts them), reorder with ↑/↓, mark rows for deletion.
"use strict";

function jixiaoTotalForms() {
  return document.querySelector('input[name="indicators-TOTAL_FORMS"]');
}

// The index of the next formset row, sent when htmx asks for a new empty row (set here, not in an hx-vals
// expression, so that the Content-Security-Policy needs no 'unsafe-eval').
function jixiaoNextIndex() {
  const total = jixiaoTotalForms();
  return total ? Number(total.value) : 0;
}

document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.elt.matches("[data-add-row]")) event.detail.parameters.index = jixiaoNextIndex();
});

function renumber(body) {
  body.querySelectorAll("tr.indicator-row").forEach((row, index) => {
    const order = row.querySelector('input[name$="-ORDER"]');
    if (order) order.value = String(index + 1);
  });
}

document.addEventListener("htmx:afterSwap", (event) => {
  const body = document.getElementById("indicator-rows");
  if (!body || event.detail.target !== body) return;
  const total = jixiaoTotalForms();
  total.value = String(body.querySelectorAll("tr.indicator-row").length);
  renumber(body);
  const rows = body.querySelectorAll("tr.indicator-row");
  const first = rows[rows.length - 1].querySelector("select, input[type=text]");
  if (first) first.focus();
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-move]");
  if (!button) return;
  const row = button.closest("tr");
  const body = row.parentElement;
  if (button.dataset.move === "up" && row.previousElementSibling) {
    body.insertBefore(row, row.previousElementSibling);
  } else if (button.dataset.move === "down" && row.nextElementSibling) {
    body.insertBefore(row.nextElementSibling, row);
  }
  renumber(body);
  button.focus();
});

document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches('input[type=checkbox][name$="-DELETE"]')) {
    box.closest("tr").classList.toggle("deleted", box.checked);
  }
});

// -- the grid as a spreadsheet user expects it -----------------------------------------------------------------
// Enter moves down a row (Shift+Enter up) instead of submitting the form, arrows move between rows (and between
// cells at the ends of a text), Ctrl+S saves; in a multi-line cell Enter keeps its newline.

function gridCells(row) {
  return Array.from(row.querySelectorAll("input[type=text], textarea, select")).filter((cell) => !cell.disabled);
}

function moveInGrid(cell, rowStep, cellStep) {
  const row = cell.closest("tr.indicator-row, tr.plan-row");
  if (!row) return false;
  const cells = gridCells(row);
  const column = cells.indexOf(cell);
  if (cellStep) {
    const next = cells[column + cellStep];
    if (next) next.focus();
    return Boolean(next);
  }
  let target = rowStep > 0 ? row.nextElementSibling : row.previousElementSibling;
  while (target && !target.matches("tr.indicator-row, tr.plan-row")) {
    target = rowStep > 0 ? target.nextElementSibling : target.previousElementSibling;
  }
  if (!target) return false;
  const same = gridCells(target)[column];
  if (same) same.focus();
  return Boolean(same);
}

function atEdge(cell, side) {
  if (cell.tagName === "SELECT" || cell.selectionStart === null) return true;
  const edge = side < 0 ? 0 : cell.value.length;
  return cell.selectionStart === edge && cell.selectionEnd === edge;
}

document.addEventListener("keydown", (event) => {
  const cell = event.target;
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
    const save = document.querySelector("form.project-form [data-save]");
    if (save) {
      event.preventDefault();
      save.click();
    }
    return;
  }
  if (!cell.closest || !cell.closest("tr.indicator-row, tr.plan-row")) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === "Enter" && cell.tagName !== "TEXTAREA") {
    event.preventDefault(); // never submit the whole form from a cell
    moveInGrid(cell, event.shiftKey ? -1 : 1, 0);
  } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && cell.tagName === "INPUT") {
    event.preventDefault();
    moveInGrid(cell, event.key === "ArrowDown" ? 1 : -1, 0);
  } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && cell.tagName !== "SELECT") {
    const step = event.key === "ArrowRight" ? 1 : -1;
    if (atEdge(cell, step) && moveInGrid(cell, 0, step)) event.preventDefault();
  }
});

// -- nothing typed is lost: a warning before leaving a page with unsaved edits -----------------------------------
let jixiaoDirty = false;
document.addEventListener("input", (event) => {
  if (event.target.closest && event.target.closest("form.project-form, form.payment-form, form[data-guard]")) {
    jixiaoDirty = true;
  }
});
document.addEventListener("submit", () => {
  jixiaoDirty = false;
});
window.addEventListener("beforeunload", (event) => {
  if (!jixiaoDirty) return;
  event.preventDefault();
  event.returnValue = ""; // the browser shows its own "leave this page?" question
});

// -- rows pasted from Excel or Word: the server places each cell by what it is (formats/paste.py) ----------------
document.addEventListener("paste", (event) => {
  const cell = event.target;
  const body = document.getElementById("indicator-rows");
  if (!body || !cell.closest || !body.contains(cell) || !window.htmx) return;
  const text = (event.clipboardData || window.clipboardData).getData("text");
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  if (!text.includes("\t") && lines.length < 2) return; // one value: an ordinary paste into the cell
  event.preventDefault();
  window.htmx.ajax("POST", body.dataset.pasteUrl, {
    source: cell,
    target: "#indicator-rows",
    swap: "beforeend",
    values: { text: text, index: jixiaoNextIndex() },
  });
});
