/* Click-to-load video (plugins/images): nothing is requested from the video
   host until the reader presses the play button. First-party, no dependencies.
   Only an HTTPS www.youtube-nocookie.com address under /embed/ is ever framed
   (the CSP's frame-src); any other address in data-video-embed is ignored. */
(function () {
  "use strict";
  function isNocookieEmbed(address) {
    var url;
    try { url = new URL(address); } catch (error) { return false; }
    return url.protocol === "https:" && url.hostname === "www.youtube-nocookie.com" && url.port === "" &&
      url.username === "" && url.password === "" && url.pathname.indexOf("/embed/") === 0;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-video-embed]") : null;
    if (!button) { return; }
    var embed = button.getAttribute("data-video-embed") || "";
    if (!isNocookieEmbed(embed)) { return; }
    var frame = document.createElement("iframe");
    frame.src = embed;
    frame.title = button.getAttribute("data-video-title") || "Video";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "video-frame";
    button.parentNode.replaceChild(frame, button);
    frame.focus();
  });
})();
