// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  document.querySelectorAll(".js-hide").forEach((el) => { el.hidden = true; });
  phoneMenu();
  scrollRegions();
  document.querySelectorAll(".check-list[data-filter-label]").forEach(checkListFilter);
});

// The main menu's button on phones: opens and closes #portal-menu (a closed
// menu is display:none, so its links leave the tab order); Escape closes it.
function phoneMenu() {
  const button = document.querySelector(".portal-menu-toggle");
  const menu = document.getElementById("portal-menu");
  if (!button || !menu) return;
  const set = (open) => {
    menu.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => set(!menu.classList.contains("open")));
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.classList.contains("open")) { set(false); button.focus(); }
  });
}

// Table regions are keyboard-focusable so a wide table can be scrolled with
// the arrow keys; where the table fits, the extra tab stop is taken away.
function scrollRegions() {
  const regions = document.querySelectorAll(".table-responsive[role=region]");
  const update = () => regions.forEach((region) => {
    if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
    else region.removeAttribute("tabindex");
  });
  update();
  window.addEventListener("resize", update);
  document.addEventListener("toggle", update, true);  // a table inside <details> that was just opened
}

// A filter field above a long checkbox list: typing hides the options that do
// not contain the text (checked ones stay visible, so nothing chosen is lost).
function checkListFilter(list) {
  const input = document.createElement("input");
  input.type = "search";
  input.className = "form-control form-control-sm mb-1 check-list-filter";
  input.setAttribute("aria-label", list.dataset.filterLabel);
  input.placeholder = list.dataset.filterLabel;
  input.setAttribute("aria-controls", list.id);
  list.before(input);
  input.addEventListener("input", () => {
    const text = input.value.trim().toLowerCase();
    list.querySelectorAll(".form-check").forEach((item) => {
      const box = item.querySelector("input");
      item.hidden = text !== "" && !box.checked && !item.textContent.toLowerCase().includes(text);
    });
  });
}
