/**
 * Private helper: the player's code that runs in the browser. `playerMain`
 * uses nothing from outside its own body; `playerHtml` inlines its source
 * text (with `applyStep` and friends) into the cell output, so the notebook
 * needs no extension and no network.
 *
 * @module
 */
import type { LoopView, PlayerEvent } from "./loop_view.ts";

/** What the page gets: the window of events and the loop before its first step. */
export interface PlayerData {
  /** The steps shown (a window of the whole trace). */
  events: PlayerEvent[];
  /** The view before `events[0]` (the whole trace's state at the window start). */
  start: LoopView;
  /** The step the player opens at, within the window (0: before the first). */
  open: number;
  /** `"loop"` for the teaching loop, `"js"` for `traceJs`: only the pane titles differ. */
  flavor: "loop" | "js";
}

/** The three rule functions, as the page rebuilds them from their source text. */
export interface PlayerRules {
  /** See `applyStep`. */
  applyStep: (view: LoopView, event: PlayerEvent) => void;
  /** See `cloneLoopView`. */
  cloneLoopView: (view: LoopView) => LoopView;
}

/**
 * Runs in the page: wires the controls of the player `root` and shows the step.
 * Keeps a checkpoint every 256 steps, so any step is at most 255 steps of
 * `applyStep` away. Every element it touches is found under `root`, so several
 * players on a page never interfere.
 *
 * @param root The player's outer element.
 * @param data The window of events and the start view.
 * @param rules The step rules.
 * @returns Nothing.
 */
export function playerMain(root: HTMLElement, data: PlayerData, rules: PlayerRules): void {
  const started = performance.now();
  const EVERY = 256;
  const LIST_MAX = 30;
  const events = data.events;
  const checkpoints: LoopView[] = [rules.cloneLoopView(data.start)];
  const $ = (sel: string) => root.querySelector(sel) as HTMLElement;
  const scrub = $("input[type=range]") as HTMLInputElement;
  const speed = $("select") as HTMLSelectElement;
  const playButton = $("[data-act=play]");
  let step = -1;
  let timer: ReturnType<typeof setInterval> | undefined;

  function viewAt(n: number): LoopView {
    const k = Math.floor(n / EVERY);
    while (checkpoints.length <= k) {
      const view = rules.cloneLoopView(checkpoints[checkpoints.length - 1]);
      const from = (checkpoints.length - 1) * EVERY;
      for (let i = from; i < from + EVERY; i++) rules.applyStep(view, events[i]);
      checkpoints.push(view);
    }
    const view = rules.cloneLoopView(checkpoints[k]);
    for (let i = k * EVERY; i < n; i++) rules.applyStep(view, events[i]);
    return view;
  }

  function fill(pane: string, lines: string[], empty: string): void {
    const list = root.querySelector(`[data-pane=${pane}]`) as HTMLElement | null;
    if (list === null) return; // a pane this flavor does not show
    list.textContent = "";
    const shown = lines.length > LIST_MAX ? lines.slice(0, LIST_MAX) : lines;
    for (const line of shown) {
      const li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    }
    if (lines.length > shown.length) {
      const li = document.createElement("li");
      li.className = "lp-more";
      li.textContent = `... and ${lines.length - shown.length} more`;
      list.appendChild(li);
    }
    if (lines.length === 0) {
      const li = document.createElement("li");
      li.className = "lp-empty";
      li.textContent = empty;
      list.appendChild(li);
    }
    list.dataset.count = String(lines.length);
  }

  function show(n: number): void {
    n = Math.max(0, Math.min(events.length, n));
    if (n === step) return;
    step = n;
    const view = viewAt(n);
    const at = (where: string | null) => (where ? ` @ ${where}` : "");
    root.dataset.step = String(n);
    scrub.value = String(n);
    $("[data-field=step]").textContent = String(view.step);
    $("[data-field=time]").textContent = String(+view.time.toFixed(6));
    $("[data-field=note]").textContent = view.note;
    $("[data-field=running]").textContent = view.running === null
      ? "nothing (between steps)"
      : view.running + at(view.where);
    fill("ready", view.ready.map((item) => item.name + at(item.where)), "empty");
    fill(
      "timers",
      view.timers.map((t) => `${+t.when.toFixed(6)} s: ${t.name}${at(t.where)}`),
      "none",
    );
    fill("waiting", view.waiting.map((w) => `${w.task} waits for ${w.on}`), "nobody");
    fill(
      "io",
      view.sockets.map((s) => `watching ${s}`).concat(view.io.map((i) => i.name)),
      "none",
    );
    fill("log", view.log.slice(-LIST_MAX), "nothing yet");
    // Outline the step's cell in the strip (cells are drawn one per step, in order).
    const cells = root.querySelectorAll(".lp-strip g[aria-label=rect] rect");
    cells.forEach((cell, i) => {
      cell.setAttribute("stroke", i === n - 1 ? "#1f2328" : "none");
      cell.setAttribute("stroke-width", "2");
    });
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    playButton.textContent = "play";
  }

  function play(): void {
    if (timer !== undefined) return stop();
    if (step >= events.length) show(0);
    playButton.textContent = "pause";
    timer = setInterval(() => {
      if (step >= events.length || !root.isConnected) return stop();
      show(step + 1);
    }, 1000 / Number(speed.value));
  }

  const actions: Record<string, () => void> = {
    first: () => (stop(), show(0)),
    back: () => (stop(), show(step - 1)),
    play,
    forward: () => (stop(), show(step + 1)),
    last: () => (stop(), show(events.length)),
  };
  root.querySelectorAll("[data-act]").forEach((button) => {
    button.addEventListener("click", (e) => {
      e.stopPropagation();
      actions[(button as HTMLElement).dataset.act!]();
    });
  });
  scrub.max = String(events.length);
  scrub.addEventListener("input", () => (stop(), show(Number(scrub.value))));
  speed.addEventListener("change", () => {
    if (timer !== undefined) (stop(), play());
  });
  root.addEventListener("keydown", (e) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: actions.back,
      ArrowRight: actions.forward,
      Home: actions.first,
      End: actions.last,
      " ": play,
    };
    const act = keys[e.key];
    if (!act || (e.target as HTMLElement).tagName === "SELECT") return;
    // The notebook must not see these keys (it would move between cells).
    e.preventDefault();
    e.stopPropagation();
    act();
  });
  $("[data-field=live]").style.display = "";
  show(data.open);
  root.dataset.ready = "true";
  root.dataset.initMs = (performance.now() - started).toFixed(1);
}
