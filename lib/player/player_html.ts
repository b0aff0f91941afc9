/**
 * The player as one self-contained HTML fragment: markup, scoped CSS, the
 * trace as JSON and the script, all inline. Where scripts do not run, the
 * live part stays hidden and the SVG strip and the steps as text remain.
 *
 * @module
 */
import { escapeHtml } from "../notebook/display.ts";
import { applyStep, cloneLoopView } from "./loop_view.ts";
import { type PlayerData, playerMain } from "./_player_script.ts";

/** What {@link playerHtml} needs. */
export interface PlayerPage {
  /** A heading over the player. */
  title: string;
  /** The window of steps and the view before it. */
  data: PlayerData;
  /** The number of the first step in the window (1-based). */
  first: number;
  /** Steps in the whole trace. */
  total: number;
  /** The static strip (SVG markup). */
  svg: string;
  /** A sentence shown under the player (e.g. that the trace is windowed), or `""`. */
  note: string;
}

/** Pane titles: the teaching loop's words, or Deno's. */
const PANES = {
  loop: {
    ready: "ready queue",
    timers: "timer heap",
    waiting: "waiting tasks",
    io: "sockets and I/O",
    log: "printed",
  },
  js: {
    ready: "microtask queue",
    timers: "timers",
    waiting: "waiting on a promise",
    io: "pending I/O and messages",
    log: "console",
  },
};

// At most this many steps are listed as text in the static fallback.
const TEXT_STEPS = 200;

function css(id: string): string {
  const s = `#${id}`;
  return `
${s}{font:13px/1.4 system-ui,sans-serif;color:#1f2328;background:#fff;border:1px solid #d0d7de;
border-radius:6px;padding:8px 10px;margin:4px 0;max-width:980px}
${s}:focus{outline:2px solid #3b6fd4}
${s} .lp-title{font-weight:600;margin-bottom:4px}
${s} .lp-bar{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
${s} .lp-bar button{font:inherit;padding:1px 8px;border:1px solid #8c959f;border-radius:4px;
background:#f6f8fa;color:#1f2328;cursor:pointer}
${s} .lp-bar input[type=range]{flex:1;min-width:160px}
${s} .lp-now{margin:6px 0;padding:4px 6px;background:#eef3fc;border-radius:4px}
${s} .lp-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:8px}
${s} .lp-pane h4{margin:2px 0;font-size:12px;text-transform:uppercase;color:#57606a}
${s} .lp-pane ol{margin:0;padding-left:20px;font-family:ui-monospace,monospace;font-size:12px}
${s} .lp-empty,${s} .lp-more{color:#8c959f;list-style:none;margin-left:-20px}
${s} .lp-note{color:#57606a;font-size:12px}
${s} details ol{font-family:ui-monospace,monospace;font-size:12px;max-height:240px;overflow:auto}`;
}

// The static list of steps: what each did, from the notes of applyStep.
function stepsAsText(data: PlayerData, first: number): string {
  const view = cloneLoopView(data.start);
  const items: string[] = [];
  for (const event of data.events.slice(0, TEXT_STEPS)) {
    applyStep(view, event);
    items.push(`<li>t=${+view.time.toFixed(6)}: ${escapeHtml(view.note)}</li>`);
  }
  const more = data.events.length > TEXT_STEPS
    ? `<p class="lp-note">... ${data.events.length - TEXT_STEPS} more steps</p>`
    : "";
  return `<details><summary>the steps as text</summary><ol start="${first}">${
    items.join("")
  }</ol>${more}</details>`;
}

/**
 * The player's HTML: hidden live part (shown by its script), SVG strip,
 * steps as text, the data and the script.
 *
 * @param page What to show.
 * @returns An HTML fragment that needs nothing else.
 * @example
 * ```ts
 * import { emptyLoopView } from "@course/lib";
 * import { playerHtml } from "@course/lib/player/player_html.ts";
 * const html = playerHtml({
 *   title: "empty", first: 1, total: 0, svg: "<svg></svg>", note: "",
 *   data: { events: [], start: emptyLoopView(), open: 0, flavor: "loop" },
 * });
 * console.log(html.includes("<script>")); // true
 * ```
 */
export function playerHtml(page: PlayerPage): string {
  const id = `lp-${crypto.randomUUID().slice(0, 8)}`;
  const panes = PANES[page.data.flavor];
  const pane = (key: keyof typeof panes) =>
    `<div class="lp-pane"><h4>${panes[key]}</h4><ol data-pane="${key}"></ol></div>`;
  const last = page.first + page.data.events.length - 1;
  // JSON inside <script>: "<" escaped so no "</script>" can end it early.
  const json = JSON.stringify(page.data).replace(/</g, "\\u003c");
  // The script finds its player from itself where the front end runs it in place (JupyterLab,
  // VS Code), else by id (classic Notebook runs a copy in <head>); if the output is not in the
  // page yet, it looks again on the next frames.
  const script = `(function () {
  var me = document.currentScript, tries = 0;
  function start() {
    var t0 = performance.now();
    var root = (me && me.closest && me.closest(".lp")) || document.getElementById(${
    JSON.stringify(id)
  });
    if (!root) {
      if (++tries < 100) requestAnimationFrame(start);
      return;
    }
    if (root.dataset.ready) return;
    var rules = { applyStep: (${applyStep.toString()}), cloneLoopView: (${cloneLoopView.toString()}) };
    var data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
    (${playerMain.toString()})(root, data, rules);
    root.dataset.openMs = (performance.now() - t0).toFixed(1);
  }
  start();
})();`;
  return `<div class="lp" id="${id}" tabindex="0" data-player="${page.data.flavor}" data-first="${page.first}">
<style>${css(id)}</style>
<div class="lp-title">${escapeHtml(page.title)}</div>
<div data-field="live" style="display:none">
<div class="lp-bar">
<button data-act="first" title="first step (Home)">|&lt;</button>
<button data-act="back" title="step back (left arrow)">&lt; back</button>
<button data-act="play" title="play or pause (space)">play</button>
<button data-act="forward" title="step forward (right arrow)">forward &gt;</button>
<button data-act="last" title="last step (End)">&gt;|</button>
<select title="steps per second"><option value="2">2/s</option><option value="5" selected>5/s</option><option value="20">20/s</option><option value="100">100/s</option></select>
<input type="range" min="0" value="0" aria-label="step">
<span>step <b data-field="step"></b> of ${last} &middot; t = <b data-field="time"></b> s</span>
</div>
<div class="lp-now"><b>running:</b> <span data-field="running"></span><br><b>this step:</b> <span data-field="note"></span></div>
<div class="lp-grid">${pane("ready")}${pane("timers")}${pane("waiting")}${pane("io")}${
    page.data.flavor === "js" ? pane("log") : "" // the teaching loop's trace has no printed lines
  }</div>
</div>
<div class="lp-strip">${page.svg}</div>
${stepsAsText(page.data, page.first)}
${page.note ? `<p class="lp-note">${escapeHtml(page.note)}</p>` : ""}
<script type="application/json" id="${id}-data">${json}</script>
<script>${script}</script>
</div>`;
}
