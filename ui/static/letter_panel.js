// js_on_load of the letter panel (gr.HTML): bring the cited paragraph into view on each update,
// scrolling the panel's own list rather than the page. On a narrow screen the panel sits below
// the chat, so the page scrolls to it as well.
function showCited() {
  var list = element.querySelector(".lt-lps");
  var cited = element.querySelector(".lt-cited");
  if (!list || !cited) return;
  if (window.innerWidth < 768) element.scrollIntoView({ block: "start" });
  var offset = cited.getBoundingClientRect().top - list.getBoundingClientRect().top;
  list.scrollTop += offset - (list.clientHeight - cited.clientHeight) / 2;
}
watch("value", showCited);
