// js_on_load of the letter panel (gr.HTML): bring the cited paragraph into view on each update,
// scrolling the panel's own list rather than the page.
function showCited() {
  var list = element.querySelector(".lt-lps");
  var cited = element.querySelector(".lt-cited");
  if (!list || !cited) return;
  var offset = cited.getBoundingClientRect().top - list.getBoundingClientRect().top;
  list.scrollTop += offset - (list.clientHeight - cited.clientHeight) / 2;
}
watch("value", showCited);
