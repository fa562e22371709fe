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
