// The phone page: shows the laptop's session (the state object) and sends the taps back.
// The laptop is the only source of truth: between two states the clock counts from remaining_ms
// with the page's own monotonic performance.now(), never from the phone's wall clock.
"use strict";

const $ = (id) => document.getElementById(id);
const SIDES = { left: ["←", "LEFT"], right: ["RIGHT", "→"], both: ["↔", "BOTH LEGS"] };
const MAIN = { start: "Start", rep: "+1 rep", end: "Done", next: "Next", resume: "Resume", none: "" };
const LAST_SECONDS = 3;

let state = null;
let receivedAt = 0;
let stream = null;
let dropped = false;
let retry = null;
let stopArmed = null;
let audio = null;
let lastSecond = null;
const paints = []; // [seq, performance.now()] of each state drawn, for bench/bench_phone.py

function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function clockText(seconds) {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(s % 60).padStart(2, "0")}` : String(s);
}

// ----- the clock, between states

function shownSeconds() {
  if (!state) return null;
  const gone = state.status === "running" ? performance.now() - receivedAt : 0;
  if (state.remaining_ms !== null) return Math.ceil(Math.max(0, state.remaining_ms - gone) / 1000 - 1e-9);
  if (state.elapsed_ms !== null && state.value === null) return Math.floor((state.elapsed_ms + gone) / 1000);
  return null;
}

function drawClock() {
  if (!state) return;
  let text;
  if (state.status === "ready") text = "Ready";
  else if (state.status === "done") text = state.ended === "finished" ? "Done" : "Stopped";
  else if (state.value !== null) text = String(state.value);
  else {
    const seconds = shownSeconds();
    text = seconds === null ? "–" : clockText(seconds);
    const counting = state.remaining_ms !== null && state.status === "running";
    document.body.classList.toggle("last", counting && seconds > 0 && seconds <= LAST_SECONDS && seconds % 2 === 1);
    if (counting && seconds !== lastSecond && seconds > 0 && seconds <= LAST_SECONDS) pip(seconds);
    lastSecond = seconds;
  }
  $("clock").textContent = text;
  $("clock").classList.toggle("long", text.length > 3);
}

function frame() {
  drawClock();
  const running = state && state.status === "running" && state.value === null;
  setTimeout(frame, running ? 100 : 500);
}

// ----- drawing a state

function button(label, onTap, on) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (on) b.classList.add("on");
  b.addEventListener("click", onTap);
  return b;
}

function render(next) {
  const before = state;
  state = next;
  receivedAt = performance.now();
  const phase = next.status === "paused" ? "paused" : next.phase === "work" ? next.side || "both" : next.phase;
  document.body.dataset.phase = phase;
  document.body.dataset.status = next.status;
  if (next.status !== "running") document.body.classList.remove("last");
  $("program").textContent = next.program;
  $("stepno").textContent = next.status === "running" || next.status === "paused" ? `${next.step}/${next.steps}` : "";
  const side = next.phase === "work" ? SIDES[next.side || "both"] : null;
  $("arrow").textContent = side ? (next.side === "right" ? "" : side[0]) : "";
  $("side-word").textContent = side
    ? next.side === "right" ? `${side[0]} ${side[1]}` : side[1]
    : { ready: "READY", prepare: "GET READY", rest: "REST", done: "" }[next.phase] || "";
  if (next.status === "paused") $("side-word").textContent = "PAUSED";
  $("exercise").textContent = next.status === "done" ? "" : next.exercise || "";
  $("detail").textContent = detail(next);
  $("next").textContent = next.next ? `Next: ${next.next}` : "";
  drawButtons(next);
  drawPrompt(next.prompt);
  drawMarks(next.marks || []);
  drawSummary(next);
  drawClock();
  paints.push([next.seq, performance.now()]);
  if (paints.length > 500) paints.shift();
  if (before && audio && before.step !== next.step && next.status === "running") cue(next);
  if (before && audio && before.status !== "done" && next.status === "done") tone(660, 0.4);
}

function detail(s) {
  if (s.status === "ready") return "Tap Start when you are on the mat";
  if (s.status === "done") return "";
  if (s.phase === "work") {
    const set = s.set ? ` · set ${s.set[0]} of ${s.set[1]}` : "";
    const min = s.minimum_reached ? " · minimum reached" : "";
    return `${s.work} ${s.asks}${set}${min}`;
  }
  return "";
}

function drawButtons(s) {
  const main = $("main");
  let label = MAIN[s.action] || "";
  if (s.action === "end") label = s.work === "hold" ? "End hold" : "Done";
  if (s.action === "next") label = s.phase === "rest" ? "End rest" : "Go";
  main.textContent = label;
  main.hidden = !label;
  $("pause").hidden = s.status !== "running" && s.status !== "paused";
  $("pause").textContent = s.status === "paused" ? "Resume" : "Pause";
  $("more").hidden = !(s.status === "running" && (s.phase === "rest" || s.phase === "prepare"));
  $("stop").hidden = s.status === "done";
  if (s.status === "done") disarmStop();
}

function drawPrompt(p) {
  $("prompt").hidden = !p;
  if (!p) return;
  const side = p.side === "both" ? "Both legs" : p.side === "left" ? "← Left" : "Right →";
  const done = p.seconds !== null ? `${p.seconds} s` : `${p.reps} reps`;
  const rated = p.difficulty ? ` · rated ${p.difficulty}` : " · how hard?";
  $("prompt-title").textContent = `${side} ${p.exercise}: ${done}${rated}`;
  const rates = $("rates");
  rates.replaceChildren();
  for (let n = 1; n <= 10; n++) rates.append(button(String(n), () => send("rate", n), p.difficulty === n));
  const checks = $("checks");
  checks.replaceChildren();
  for (const c of p.checks) checks.append(button(`${c.name}: ${c.on ? "yes" : "no"}`, () => send("check", c.name), c.on));
}

function drawMarks(marks) {
  const box = $("marks");
  box.hidden = marks.length === 0;
  box.replaceChildren(...marks.map((c) => button(`Mark ${c.name}`, () => send("mark", c.name))));
}

function drawSummary(s) {
  $("summary").hidden = s.status !== "done";
  if (s.status !== "done") return;
  $("summary-title").textContent = s.ended === "finished" ? "Session done" : "Session stopped";
  const body = $("summary-table").tBodies[0];
  body.replaceChildren();
  for (const row of s.summary) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.exercise;
    for (const name of row.sides.both ? ["both"] : ["left", "right"]) {
      const side = row.sides[name];
      const cell = tr.insertCell();
      if (name === "both") cell.colSpan = 2;
      if (!side) continue;
      const parts = [name === "both" ? `${side.value} (both legs)` : side.value];
      if (side.difficulty !== null) parts.push(`difficulty ${Math.round(side.difficulty * 10) / 10}`);
      parts.push(...side.flags);
      cell.textContent = parts.join(", ");
    }
    if (row.verdict) {
      const note = body.insertRow().insertCell();
      note.colSpan = 3;
      note.className = "verdict";
      note.textContent = row.verdict;
    }
  }
}

// ----- commands

async function send(command, arg) {
  unlockAudio();
  const body = JSON.stringify({ command, arg: arg === undefined ? null : arg, id: randomId() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const answer = await fetch("/api/command", {
        method: "POST", body, headers: { "Content-Type": "application/json" }, credentials: "same-origin",
      });
      if (answer.ok) {
        const next = await answer.json();
        if (!state || next.seq >= state.seq) render(next);
      }
      return;
    } catch (error) {
      await new Promise((done) => setTimeout(done, 300)); // the same id again: it acts once
    }
  }
}

function disarmStop() {
  clearTimeout(stopArmed);
  stopArmed = null;
  $("stop").textContent = "End session";
  $("stop").classList.remove("on");
}

// ----- the stream, and the resync after a drop

function connect() {
  clearTimeout(retry);
  stream = new EventSource("/api/events");
  stream.onopen = () => {
    if (dropped) resync();
  };
  stream.onmessage = (message) => {
    const next = JSON.parse(message.data);
    if (!state || next.seq >= state.seq) render(next);
    if (!dropped) $("conn").hidden = true;
  };
  stream.onerror = () => {
    dropped = true;
    $("conn").hidden = false;
    if (stream.readyState === EventSource.CLOSED) {
      stream.close();
      retry = setTimeout(connect, 2000);
    }
  };
}

async function resync() {
  try {
    const answer = await fetch("/api/state", { credentials: "same-origin", cache: "no-store" });
    if (answer.ok) {
      render(await answer.json());
      dropped = false;
      $("conn").hidden = true;
    }
  } catch (error) {
    /* the stream's own error handler tries again */
  }
}

// ----- sound, after a first tap (browsers ask for a gesture)

function unlockAudio() {
  if (audio || !window.AudioContext) return;
  audio = new AudioContext();
  $("sound").textContent = "Sound: on";
}

function tone(frequency, seconds) {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + seconds);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + seconds);
}

function pip(seconds) {
  tone(seconds === 1 ? 1320 : 880, 0.12);
}

function cue(s) {
  if (s.phase === "work") tone(s.side === "left" ? 523 : s.side === "right" ? 784 : 659, 0.35);
  else tone(440, 0.25);
}

// ----- wiring

document.addEventListener("DOMContentLoaded", () => {
  $("main").addEventListener("click", () => send("main"));
  $("pause").addEventListener("click", () => send("pause"));
  $("more").addEventListener("click", () => send("more-rest"));
  $("sound").addEventListener("click", () => {
    if (audio) {
      audio.close();
      audio = null;
      $("sound").textContent = "Sound: off";
    } else {
      unlockAudio();
      tone(880, 0.1);
    }
  });
  $("stop").addEventListener("click", () => {
    if (stopArmed) {
      disarmStop();
      send("stop");
      return;
    }
    $("stop").textContent = "Tap again to end";
    $("stop").classList.add("on");
    stopArmed = setTimeout(disarmStop, 4000);
  });
  window.hamtimerPaints = paints;
  connect();
  frame();
});
