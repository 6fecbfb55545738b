/// `/assets/desk.js`: conveniences only; every flow works without it.
/// Copy buttons, printing the carrier inquiry, and the customer center's
/// answer without reloading the page.
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
        function select(node) {
          var range = document.createRange();
          range.selectNodeContents(node);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
        """
}
