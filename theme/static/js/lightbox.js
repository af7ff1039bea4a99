/* Photo viewer for article pages (first-party, no dependencies; no inline
   script or style, for the Content-Security-Policy).

   Without JavaScript the featured image and every photo of a photo story
   are plain links to the large image. With it, a click opens them in a
   <dialog>: one photo at a time, large, with its caption and "n / N";
   previous/next buttons, the arrow keys (Home/End too) and a horizontal
   swipe step through the photos of the article; Escape, the close button
   or a click on the backdrop closes it and focus returns to the link. */
(function () {
  "use strict";
  var SELECTOR = "a.featured-link, a.gallery-link";

  function captionOf(link) {
    var figure = link.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    return caption ? caption.textContent.trim() : "";
  }

  function altOf(link) {
    var img = link.querySelector("img");
    return img ? img.getAttribute("alt") || "" : "";
  }

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function start() {
    var links = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    if (!links.length || typeof HTMLDialogElement !== "function") { return; }

    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", "Xem ảnh");
    var figure = document.createElement("figure");
    figure.className = "lightbox-figure";
    var img = document.createElement("img");
    img.className = "lightbox-image";
    img.decoding = "async";
    img.draggable = false;  // a mouse swipe must not start dragging the picture
    var caption = document.createElement("figcaption");
    caption.className = "lightbox-caption";
    var counter = document.createElement("p");
    counter.className = "lightbox-counter";
    counter.setAttribute("aria-live", "polite");
    var close = button("lightbox-close", "Đóng", "×");
    var prev = button("lightbox-prev", "Ảnh trước", "‹");
    var next = button("lightbox-next", "Ảnh sau", "›");
    figure.appendChild(img);
    figure.appendChild(caption);
    dialog.appendChild(close);
    dialog.appendChild(figure);
    dialog.appendChild(counter);
    dialog.appendChild(prev);
    dialog.appendChild(next);
    document.body.appendChild(dialog);

    var current = 0;
    var opener = null;
    var swiped = false;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      img.src = link.href;
      img.alt = altOf(link);
      var text = captionOf(link);
      caption.textContent = text;
      caption.hidden = !text;
      counter.textContent = (current + 1) + " / " + links.length;
      prev.hidden = next.hidden = links.length < 2;
    }

    function open(index) {
      opener = links[index];
      show(index);
      if (!dialog.open) { dialog.showModal(); }
      close.focus();
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        open(index);
      });
    });
    close.addEventListener("click", function () { dialog.close(); });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.addEventListener("close", function () {
      img.removeAttribute("src");
      if (opener) { opener.focus(); }
    });
    // A click on the backdrop (the dialog itself, outside the photo and buttons) closes.
    dialog.addEventListener("click", function (event) {
      if (swiped) { swiped = false; return; }
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
      if (Object.prototype.hasOwnProperty.call(keys, event.key)) {
        event.preventDefault();
        show(keys[event.key]);
      }
    });
    // Swipe: a mostly horizontal move of at least 40 px steps one photo.
    var startX = null, startY = null;
    dialog.addEventListener("pointerdown", function (event) {
      startX = event.clientX;
      startY = event.clientY;
    });
    dialog.addEventListener("pointerup", function (event) {
      if (startX === null) { return; }
      var dx = event.clientX - startX, dy = event.clientY - startY;
      startX = startY = null;
      if (Math.abs(dx) >= 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        swiped = true;
        show(dx < 0 ? current + 1 : current - 1);
      }
    });
    dialog.addEventListener("pointercancel", function () { startX = startY = null; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
