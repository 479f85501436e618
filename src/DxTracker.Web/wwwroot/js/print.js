// 「印刷」 buttons (data-print) are hidden in the markup: a button can print only with JavaScript, while the
// browser's own print command (Ctrl+P) works without it. The print stylesheet lays the page out.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
