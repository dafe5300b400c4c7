// Progressive enhancement for the organisation forms: show the province field
// only when "Outside Chongqing" is chosen. Without JavaScript both are shown.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".registration-form").forEach((form) => {
    const district = form.querySelector("select[name=district]");
    const province = form.querySelector(".province-field");
    if (!district || !province) return;
    const update = () => { province.hidden = district.value !== "outside"; };
    district.addEventListener("change", update);
    update();
  });
});
