// Editable tables: add, remove and reorder rows in the browser; the form posts rows in page order.
// After each change the form is checked again (htmx listens for "rows-changed").
(function () {
  let added = 0;
  function changed(el) {
    const form = el.closest("form");
    if (form) form.dispatchEvent(new Event("rows-changed", { bubbles: true }));
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    const row = button.closest("tr[data-row]");
    if (button.hasAttribute("data-row-add")) {
      const block = button.closest("[data-table]");
      const template = block.querySelector("template");
      added += 1;
      const html = template.innerHTML.replaceAll("__key__", "new" + added);
      block.querySelector("tbody").insertAdjacentHTML("beforeend", html);
      changed(block);
    } else if (row && button.hasAttribute("data-row-remove")) {
      const form = row.closest("form");
      row.remove();
      if (form) form.dispatchEvent(new Event("rows-changed", { bubbles: true }));
    } else if (row && button.hasAttribute("data-row-up") && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
      changed(row);
    } else if (row && button.hasAttribute("data-row-down") && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
      changed(row);
    }
  });
})();

// The review page: "对此项提意见" beside a field points the one comment form at that field.
document.addEventListener("click", function (event) {
  const link = event.target.closest("a.comment-link");
  const form = document.getElementById("comment");
  if (!link || !form) return;
  event.preventDefault();
  form.querySelector("input[name=field]").value = link.dataset.field;
  form.querySelector(".comment-on").textContent = link.dataset.label + "（" + link.dataset.field + "）";
  form.querySelector("textarea").focus();
});
