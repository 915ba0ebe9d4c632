/*
 * Watch progress of YouTube and Vimeo lesson videos, without their JavaScript SDKs.
 *
 * Both players speak a postMessage protocol to the page that embeds them (YouTube with
 * enablejsapi=1: after a {"event":"listening"} handshake it sends "infoDelivery" messages
 * carrying currentTime, duration and playerState; Vimeo: after {"method":"addEventListener"}
 * it sends "timeupdate", "pause" and "ended" events). The latest reading is kept in
 * window.__eduEmbed, where the lesson page's position reader finds it, and the page is
 * asked to report (a click on its hidden #embed-report button) on the first reading, every
 * 10 s while playing, on pause and at the end. The handshake is repeated until the player
 * answers, since a frame's load event can come before its player listens.
 */
(function () {
  "use strict";
  var ORIGINS = /^https:\/\/(www\.)?(youtube\.com|youtube-nocookie\.com|player\.vimeo\.com)$/;
  var FRAME = ".embed-video iframe";
  var YT_PAUSED = 2, YT_ENDED = 0;
  var REPORT_EVERY_MS = 10000, GREET_EVERY_MS = 1000, GREETINGS = 15;
  var lastAsk = 0, answered = false, greeter = null;

  function frame() {
    return document.querySelector(FRAME);
  }

  function askToReport() {
    var button = document.getElementById("embed-report");
    if (button) button.click();
  }

  function greet(iframe) {
    answered = false;
    lastAsk = 0;
    window.__eduEmbed = null;
    clearInterval(greeter);
    var left = GREETINGS;
    handshake(iframe);
    greeter = setInterval(function () {
      if (answered || --left <= 0 || !document.contains(iframe)) return clearInterval(greeter);
      handshake(iframe);
    }, GREET_EVERY_MS);
  }

  function handshake(iframe) {
    if (!iframe || !iframe.contentWindow) return;
    var target = new URL(iframe.src).origin;
    if (target.indexOf("vimeo") >= 0) {
      ["timeupdate", "pause", "ended"].forEach(function (name) {
        iframe.contentWindow.postMessage(JSON.stringify({ method: "addEventListener", value: name }), target);
      });
    } else {
      iframe.contentWindow.postMessage(JSON.stringify({ event: "listening", id: 1, channel: "widget" }), target);
    }
  }

  function remember(position, duration, stopped) {
    if (typeof position !== "number" || !isFinite(position)) return;
    var known = window.__eduEmbed || {};
    if (typeof duration !== "number" || !isFinite(duration) || duration <= 0) duration = known.duration || 0;
    window.__eduEmbed = { position: position, duration: duration };
    var now = Date.now();
    if (duration > 0 && (stopped || now - lastAsk >= REPORT_EVERY_MS)) {
      lastAsk = now;
      askToReport();
    }
  }

  window.addEventListener("message", function (event) {
    if (!ORIGINS.test(event.origin)) return;
    var data = event.data;
    if (typeof data === "string") {
      try { data = JSON.parse(data); } catch (e) { return; }
    }
    if (!data || typeof data !== "object") return;
    answered = true;
    if (data.event === "infoDelivery" && data.info) {  // YouTube
      var info = data.info, known = window.__eduEmbed || {};
      var state = info.playerState;
      var position = typeof info.currentTime === "number" ? info.currentTime : known.position;
      remember(position, info.duration, state === YT_PAUSED || state === YT_ENDED);
    } else if (data.event === "ready" && String(event.origin).indexOf("vimeo") >= 0) {
      handshake(frame());  // Vimeo takes listeners once its player is ready
    } else if (data.event && data.data && typeof data.data.seconds === "number") {  // Vimeo
      remember(data.data.seconds, data.data.duration, data.event !== "timeupdate");
    }
  });

  // Greet every embed frame that loads, now or after a client-side navigation.
  document.addEventListener("load", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches(FRAME)) greet(target);
  }, true);
})();
