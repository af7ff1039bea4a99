/* Share sheet and copy-link buttons (first-party, no dependencies). */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var native = document.querySelectorAll(".share-native");
    var copy = document.querySelectorAll(".share-copy");
    if (navigator.share) {
      native.forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl }).catch(function () {});
        });
      });
    }
    if (navigator.clipboard && window.isSecureContext) {
      copy.forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          navigator.clipboard.writeText(button.dataset.shareUrl).then(function () {
            button.textContent = "Đã sao chép";
          }).catch(function () {});
        });
      });
    }
  });
})();
