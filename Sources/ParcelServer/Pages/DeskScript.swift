/// `/assets/desk.js`: conveniences only; every flow works without it.
/// Copy buttons, printing the carrier inquiry, the import's upload progress
/// (without the script the form posts and the page answers the same), and
/// live refresh of the pages that ask for it (`data-refresh` on the body).
enum DeskScript {
    static let source = """
        "use strict";
        document.addEventListener("click", function (event) {
          var copy = event.target.closest("[data-copy]");
          if (copy) {
            var source = document.getElementById(copy.getAttribute("data-copy"));
            if (!source) return;
            var done = function () { copy.setAttribute("data-copied", "yes"); copy.textContent = copy.textContent.replace(/ ✓$/, "") + " ✓"; };
            if (navigator.clipboard && window.isSecureContext) {
              navigator.clipboard.writeText(source.textContent).then(done, function () { select(source); done(); });
            } else { select(source); document.execCommand("copy"); done(); }
            return;
          }
          var print = event.target.closest("[data-print]");
          if (print) {
            var text = document.getElementById(print.getAttribute("data-print"));
            var frame = window.open("", "_blank");
            if (!frame || !text) return;
            var pre = frame.document.createElement("pre");
            pre.textContent = text.textContent;
            frame.document.body.appendChild(pre);
            frame.print();
          }
        });
        var upload = document.getElementById("upload");
        if (upload && window.FormData && window.XMLHttpRequest) {
          upload.addEventListener("submit", function (event) {
            event.preventDefault();
            var bar = document.createElement("progress");
            bar.max = 100;
            bar.value = 0;
            upload.appendChild(bar);
            var request = new XMLHttpRequest();
            request.open("POST", upload.action);
            request.upload.onprogress = function (step) {
              if (step.lengthComputable) bar.value = Math.round(step.loaded * 100 / step.total);
            };
            request.onload = function () { document.open(); document.write(request.responseText); document.close(); };
            request.onerror = function () { upload.submit(); };
            request.send(new FormData(upload));
          });
        }
        var every = Number(document.body && document.body.getAttribute("data-refresh"));
        if (every > 0) {
          setInterval(function () {
            var typing = document.activeElement && /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
            if (document.visibilityState === "visible" && !typing) window.location.reload();
          }, every * 1000);
        }
        function select(node) {
          var range = document.createRange();
          range.selectNodeContents(node);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
        """
}
