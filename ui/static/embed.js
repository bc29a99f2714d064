// Paste on any page:
//   <script src="https://HOST/embed.js" data-title="Ask the letters"
//           data-position="bottom-right" data-color="#1f5f8b"></script>
// Adds a launcher bubble that opens HOST/widget in an iframe. Everything lives in a Shadow DOM
// on one custom element: the host page's CSS cannot reach in and ours cannot leak out.
(function () {
  "use strict";

  var script = document.currentScript ||
    Array.prototype.slice.call(document.querySelectorAll("script[src]")).filter(function (s) {
      return /\/embed\.js(\?|$)/.test(s.src);
    }).pop();
  if (!script || script.dataset.lettersLoaded) return;
  script.dataset.lettersLoaded = "true";

  var origin = new URL(script.src, location.href).origin;
  var title = (script.dataset.title || "Ask the letters").slice(0, 80);
  var left = script.dataset.position === "bottom-left";
  var color = script.dataset.color || "#1f5f8b";
  if (!(window.CSS && CSS.supports("color", color))) color = "#1f5f8b";

  var STYLE = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; }",
    ".launcher { position: fixed; bottom: 20px; SIDE: 20px; z-index: 2147483000;",
    "  display: flex; align-items: center; gap: 8px; height: 52px; padding: 0 18px 0 14px;",
    "  border: 0; border-radius: 26px; background: var(--accent); color: #fff; cursor: pointer;",
    "  font: 600 15px/1 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;",
    "  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25); }",
    ".launcher:focus-visible { outline: 3px solid #111; outline-offset: 3px; }",
    ".launcher svg { width: 22px; height: 22px; fill: currentColor; }",
    ".panel { position: fixed; bottom: 84px; SIDE: 20px; z-index: 2147483001;",
    "  width: 380px; height: min(600px, calc(100vh - 110px)); display: flex;",
    "  flex-direction: column; background: #fff; border-radius: 12px; overflow: hidden;",
    "  box-shadow: 0 10px 36px rgba(0, 0, 0, 0.3); }",
    ".panel[hidden] { display: none; }",
    ".bar { display: flex; align-items: center; justify-content: space-between; gap: 8px;",
    "  padding: 8px 8px 8px 14px; background: var(--accent); color: #fff;",
    "  font: 600 15px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }",
    ".close { width: 36px; height: 36px; border: 0; border-radius: 18px; background: transparent;",
    "  color: #fff; font: 400 24px/1 system-ui, sans-serif; cursor: pointer; }",
    ".close:hover { background: rgba(255, 255, 255, 0.18); }",
    ".close:focus-visible { outline: 2px solid #fff; outline-offset: -4px; }",
    "iframe { flex: 1; width: 100%; border: 0; background: #fff; }",
    "@media (max-width: 480px) {",
    "  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }",
    "  .launcher { bottom: 16px; SIDE: 16px; }",
    "}"
  ].join("\n").replace(/SIDE/g, left ? "left" : "right");
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 ' +
    "2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z\"/></svg>";

  var host = document.createElement("letters-chat");
  host.style.cssText = "all: initial; position: fixed; width: 0; height: 0;";
  host.style.setProperty("--accent", color);
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = STYLE;

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "letters-panel");
  launcher.innerHTML = ICON; // a constant: no page or user text goes through innerHTML
  var label = document.createElement("span");
  label.textContent = title;
  launcher.appendChild(label);

  var panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "letters-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var bar = document.createElement("div");
  bar.className = "bar";
  var heading = document.createElement("span");
  heading.textContent = title;
  var close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.setAttribute("aria-label", "Close " + title);
  close.textContent = "×";
  bar.appendChild(heading);
  bar.appendChild(close);
  panel.appendChild(bar);

  root.appendChild(style);
  root.appendChild(panel);
  root.appendChild(launcher);
  var frame = null;
  var loaded = false;

  function widgetUrl() {
    var query = new URLSearchParams({ embedded: "true", title: title, color: color });
    return origin + "/widget?" + query.toString();
  }

  function focusWidget() {
    frame.focus();
    frame.contentWindow.postMessage({ type: "letters-widget:focus" }, origin);
  }

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = title;
      frame.src = widgetUrl();
      frame.addEventListener("load", function () {
        loaded = true;
        focusWidget();
      });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (loaded) focusWidget();
  }

  function shut() {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open(); else shut();
  });
  close.addEventListener("click", shut);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") shut();
  });
  window.addEventListener("message", function (event) {
    var fromWidget = frame && event.source === frame.contentWindow && event.origin === origin;
    if (fromWidget && event.data && event.data.type === "letters-widget:close") shut();
  });

  function attach() { document.body.appendChild(host); }
  if (document.body) attach(); else document.addEventListener("DOMContentLoaded", attach);
})();
