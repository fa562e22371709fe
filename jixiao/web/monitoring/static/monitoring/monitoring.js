// Monitoring and self-evaluation pages: the period selector submits itself; a "不适用" tick greys its row.
"use strict";

document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches("select[data-auto-submit]")) {
    target.form.requestSubmit();
  } else if (target.matches('table.evaluation input[type=checkbox][name$="-not_applicable"]')) {
    target.closest("tr").classList.toggle("not-applicable", target.checked);
  }
});
