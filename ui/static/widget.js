// The compact chat shown in the embed iframe. Every piece of text from the server or the user
// is inserted with textContent: letters that hold HTML or markdown render literally.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var body = document.body;
  var log = document.getElementById("w-log");
  var form = document.getElementById("w-form");
  var input = document.getElementById("w-q");
  var send = document.getElementById("w-send");
  var params = new URLSearchParams(location.search);
  var turn = 0;
  var history = [];  // earlier turns, so "And in 2011?" or "Who signed it?" can follow up

  if (params.get("color") && window.CSS && CSS.supports("color", params.get("color"))) {
    document.documentElement.style.setProperty("--w-accent", params.get("color"));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatDate(iso) {
    if (!iso) return "undated";
    var parts = String(iso).split("-");
    if (parts.length === 1) return parts[0];
    var month = MONTHS[parseInt(parts[1], 10) - 1];
    if (!month) return iso;
    if (parts.length === 2) return month + " " + parts[0];
    return parseInt(parts[2], 10) + " " + month + " " + parts[0];
  }

  function permalink(citation) {
    return "/letters/" + encodeURIComponent(citation.letter_id || "") + "#p" + citation.ordinal;
  }

  // The answer text with each [n] turned into a link that opens footnote n.
  function answerLine(line, id) {
    var bullet = /^\s*[-*•]\s+/;
    var p = el("p", bullet.test(line) ? "w-bullet" : null), pattern = /\[(\d{1,3})\]/g, last = 0, match;
    while ((match = pattern.exec(line)) !== null) {
      p.appendChild(document.createTextNode(line.slice(last, match.index)));
      var link = el("a", "w-marker", "[" + match[1] + "]");
      link.href = "#w-fn-" + id + "-" + match[1];
      link.dataset.footnote = "w-fn-" + id + "-" + match[1];
      p.appendChild(link);
      last = pattern.lastIndex;
    }
    p.appendChild(document.createTextNode(line.slice(last)));
    return p;
  }

  function highlighted(text, spans) {
    var quote = el("blockquote", "w-quote"), cursor = 0;
    (spans || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var start = Math.max(cursor, span[0]), end = Math.min(text.length, span[1]);
      if (end <= start) return;
      quote.appendChild(document.createTextNode(text.slice(cursor, start)));
      quote.appendChild(el("mark", null, text.slice(start, end)));
      cursor = end;
    });
    quote.appendChild(document.createTextNode(text.slice(cursor)));
    return quote;
  }

  function footnote(citation, id) {
    var details = el("details", "w-fn");
    var n = citation.n || citation.rank;
    details.id = "w-fn-" + id + "-" + n;
    var para = citation.paragraph_number ? "¶ " + citation.paragraph_number
      : "unnumbered ¶ " + citation.ordinal;
    var head = [citation.state, citation.sender, formatDate(citation.date), para]
      .filter(Boolean).join(" · ");
    details.appendChild(el("summary", null, "[" + n + "] " + head));
    if (citation.labels && citation.labels.length) {
      details.appendChild(el("p", "w-labels", "Columns: " + citation.labels.join(" | ")));
    }
    details.appendChild(highlighted(citation.text || "", citation.highlights));
    if (citation.footnote) details.appendChild(el("p", "w-footnote", citation.footnote));
    var link = el("a", "w-letter", "Read the full letter");
    link.href = permalink(citation);
    link.target = "_blank";
    link.rel = "noopener";
    details.appendChild(link);
    return details;
  }

  function renderAnswer(box, answer, id) {
    box.textContent = "";
    if (answer.abstained) {
      box.appendChild(el("p", "w-notice", "No answer in the letters: see the closest paragraphs below."));
    }
    if (answer.answering) box.appendChild(el("p", "w-answering", "Answering: " + answer.answering));
    if (answer.notice) box.appendChild(el("p", "w-notice", answer.notice));
    String(answer.answer || "").split(/\n+/).filter(function (line) {
      return line.trim();
    }).forEach(function (line) {
      box.appendChild(answerLine(line.replace(/^\s*[-*•]\s+/, "• "), id));
    });
    var cited = answer.citations || [];
    if (!cited.length && answer.abstained) cited = (answer.retrieved || []).slice(0, 3);
    if (!cited.length) return;
    var notes = el("div", "w-fns");
    notes.appendChild(el("p", "w-fns-title", answer.abstained ? "See also" : "Sources"));
    cited.forEach(function (citation) { notes.appendChild(footnote(citation, id)); });
    box.appendChild(notes);
  }

  function ask(question) {
    var id = ++turn;
    var asked = el("p", "w-msg w-user", question);
    log.appendChild(asked);
    var box = el("div", "w-msg w-bot");
    box.setAttribute("aria-busy", "true");
    box.appendChild(el("p", "w-pending", "Searching the letters…"));
    log.appendChild(box);
    box.scrollIntoView({ block: "end" });
    send.disabled = true;
    fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: question, history: history.slice(-5) })
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.message || "The server could not answer.");
        renderAnswer(box, data, id);
        var first = (data.citations || [])[0] || {};
        history.push({ question: question, answering: data.answering || null,
          state: first.state || null, date: first.date || null });
      });
    }).catch(function (error) {
      box.textContent = "";
      box.appendChild(el("p", "w-error", error.message || "The server could not answer."));
      box.lastChild.setAttribute("role", "alert");
    }).then(function () {
      box.setAttribute("aria-busy", "false");
      send.disabled = false;
      asked.scrollIntoView({ block: "start" });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question || send.disabled) return;
    input.value = "";
    ask(question);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  log.addEventListener("click", function (event) {
    var marker = event.target.closest("a.w-marker");
    if (!marker) return;
    var target = document.getElementById(marker.dataset.footnote);
    if (target) target.open = true;
  });

  // Inside the launcher's iframe: Escape closes the panel, and the launcher can hand us focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && window.parent !== window) {
      window.parent.postMessage({ type: "letters-widget:close" }, "*");
    }
  });
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "letters-widget:focus") {
      input.focus();
    }
  });
  if (body.dataset.embedded === "true") body.classList.add("w-embedded");
  send.disabled = false; // enabled only once the form is wired: no native submit before that
  body.dataset.ready = "true";
})();
