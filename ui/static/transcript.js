// js_on_load of the transcript (gr.HTML): `element`, `trigger` and `props` are given by Gradio.
// A click on a citation card asks the server for its letter; copy buttons copy the footnote.
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  var copied = document.execCommand("copy");
  area.remove();
  return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
}

element.addEventListener("click", function (event) {
  var copy = event.target.closest(".lt-copy");
  if (copy) {
    copyText(copy.dataset.footnote || "").then(function () {
      copy.textContent = "Copied";
    }, function () {
      copy.textContent = "Select the footnote to copy it";
    }).then(function () {
      setTimeout(function () { copy.textContent = "Copy footnote"; }, 1800);
    });
    return;
  }
  var marker = event.target.closest(".lt-marker");
  if (marker) {
    event.preventDefault();
    var target = element.querySelector(marker.getAttribute("href"));
    if (target) {
      target.scrollIntoView({ block: "nearest" });
      target.classList.add("lt-flash");
      setTimeout(function () { target.classList.remove("lt-flash"); }, 1200);
    }
    return;
  }
  if (event.target.closest("a")) return;
  var card = event.target.closest(".lt-card");
  if (!card) return;
  element.querySelectorAll(".lt-card.lt-selected").forEach(function (other) {
    other.classList.remove("lt-selected");
  });
  card.classList.add("lt-selected");
  trigger("click", {
    letter_id: card.dataset.letterId,
    ordinal: Number(card.dataset.ordinal),
    highlights: JSON.parse(card.dataset.highlights || "[]")
  });
});
