// Warns before the idle timeout ends the session (WCAG 2.2.1, timing adjustable) and offers
// to stay signed in. Progressive enhancement: without JavaScript the session simply ends
// after the idle time and the sign-in page says why.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof HTMLDialogElement !== "function") return;
  var idle = Number(script.dataset.idleSeconds) * 1000;
  var warn = Number(script.dataset.warnSeconds) * 1000;
  var url = script.dataset.url;
  var signIn = script.dataset.signIn;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!idle || !url || !token) return;

  var dialog = document.createElement("dialog");
  dialog.className = "app-timeout-dialog";
  dialog.id = "session-timeout";
  dialog.setAttribute("aria-labelledby", "session-timeout-heading");
  dialog.setAttribute("aria-describedby", "session-timeout-text");
  dialog.innerHTML =
    '<h2 class="govuk-heading-m" id="session-timeout-heading">You are about to be signed out</h2>' +
    '<p class="govuk-body" id="session-timeout-text"></p>' +
    '<div class="govuk-button-group">' +
    '<button type="button" class="govuk-button" data-module="govuk-button" id="session-stay">Stay signed in</button>' +
    '<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="session-leave">Sign out now</button>' +
    "</div>";
  document.body.appendChild(dialog);
  var text = dialog.querySelector("#session-timeout-text");
  var stay = dialog.querySelector("#session-stay");
  var signOut = document.querySelector(".app-header__sign-out-form");
  dialog.querySelector("#session-leave").addEventListener("click", function () {
    if (signOut) signOut.submit();
    else end();
  });
  var warnTimer, endTimer;

  function clock(ms) {
    return new Date(Date.now() + ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function end() {
    window.location.assign(signIn);
  }

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, Math.max(idle - warn, 0));
    endTimer = setTimeout(end, idle);
  }

  function show() {
    var minutes = Math.round(warn / 60000);
    text.textContent =
      "For your security, you will be signed out at " + clock(warn) +
      (minutes >= 1 ? " (in " + minutes + " minute" + (minutes === 1 ? "" : "s") + ")" : "") +
      " if you do nothing. Anything you have not saved will be lost.";
    if (!dialog.open) dialog.showModal(); // moves focus into the dialog
    stay.focus();
  }

  stay.addEventListener("click", function () {
    stay.disabled = true;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value, Accept: "application/json" },
      redirect: "manual",
    })
      .then(function (response) {
        if (!response.ok) throw new Error("session ended");
        return response.json();
      })
      .then(function (body) {
        idle = Number(body.idle_seconds) * 1000 || idle;
        dialog.close(); // focus goes back to where it was
        start();
      })
      .catch(end)
      .finally(function () {
        stay.disabled = false;
      });
  });
  // Escape closes the dialog: that is a choice to stay too.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stay.click();
  });
  start();
})();
