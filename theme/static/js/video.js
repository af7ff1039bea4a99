/* Click-to-load video (plugins/images): nothing is requested from the video
   host until the reader presses the play button. First-party, no dependencies. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-video-embed]") : null;
    if (!button) { return; }
    var frame = document.createElement("iframe");
    frame.src = button.getAttribute("data-video-embed");
    frame.title = button.getAttribute("data-video-title") || "Video";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "video-frame";
    button.parentNode.replaceChild(frame, button);
    frame.focus();
  });
})();
