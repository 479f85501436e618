// File inputs with data-max-bytes: a file over the limit is refused as soon as it is chosen, with the page's own
// Japanese message shown under the field, so nobody waits for a long upload the server would refuse anyway.
// Without JavaScript the server still checks the size and says the same.
for (const input of document.querySelectorAll("input[type=file][data-max-bytes]")) {
  const maxBytes = Number(input.dataset.maxBytes);
  const message = document.createElement("p");
  message.className = "field-error";
  message.id = `${input.id}-size-error`;
  message.setAttribute("role", "alert");
  message.hidden = true;
  input.before(message);
  const describedBy = input.getAttribute("aria-describedby") ?? "";

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    const tooLarge = file !== undefined && file.size > maxBytes;
    const text = tooLarge ? input.dataset.tooLarge.replace("{name}", file.name) : "";
    input.setCustomValidity(text);
    message.textContent = text;
    message.hidden = !tooLarge;
    if (tooLarge) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${describedBy} ${message.id}`.trim());
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", describedBy);
    }
  });
}
