/**
 * A classic Jupyter Notebook page driven like a learner drives it: select a
 * cell, Shift+Enter, wait until it has run; Cell > Run All; type into a cell;
 * save. Reads back what the page shows.
 *
 * Waits are conditions on the page (a cell's shell reply and its idle status
 * have arrived, the kernel indicator is idle), never fixed sleeps.
 *
 * @module
 */
import type { Page } from "playwright-core";

/** The parts of classic Notebook's `Jupyter` global that the page functions use. */
interface JupyterGlobal {
  notebook: {
    _fully_loaded: boolean;
    dirty: boolean;
    kernel: {
      name: string;
      info_reply?: { implementation?: string };
      is_connected(): boolean;
      _msg_callbacks: Record<string, { shell_done?: boolean; iopub_done?: boolean } | undefined>;
    } | null;
    events: { on(event: string, handler: (...args: unknown[]) => void): void };
    ncells(): number;
    get_selected_index(): number;
    get_cell(i: number): {
      cell_type: string;
      last_msg_id?: string | null;
      input_prompt_number?: number | string | null;
      rendered?: boolean;
      metadata: Record<string, unknown>;
      element: [HTMLElement];
      get_text(): string;
      set_text(text: string): void;
      output_area?: { outputs: RawOutput[]; element: [HTMLElement] };
    };
  };
}

/** One output as classic Notebook keeps it in its model. */
interface RawOutput {
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** One output of a cell, summarised. */
export interface CellOutput {
  /** `stream`, `execute_result`, `display_data` or `error`. */
  type: string;
  /** For streams, `stdout` or `stderr`. */
  name?: string;
  /** The MIME types of a result or display. */
  mimes: string[];
  /** Plain text: the stream's text, `text/plain`, or `ename: evalue`. */
  text: string;
}

/** An SVG drawn in a cell's output area, as the browser laid it out. */
export interface ShownSvg {
  /** Width of its bounding box in CSS pixels. */
  width: number;
  /** Height of its bounding box in CSS pixels. */
  height: number;
  /** Whether it is displayed (not `display: none` or `visibility: hidden`). */
  visible: boolean;
}

/** What the page shows for one cell. */
export interface ShownCell {
  /** Position in the notebook. */
  index: number;
  /** `code`, `markdown` or `raw`. */
  type: string;
  /** The cell's source text. */
  source: string;
  /** The cell's `metadata.course`, if any. */
  course?: Record<string, unknown>;
  /** The execution count in the prompt, or null. */
  executionCount: number | null;
  /** Its outputs, in order. */
  outputs: CellOutput[];
  /** SVGs inside its output area. */
  svgs: ShownSvg[];
  /** The text of a check table (`.course-check`), when it shows one. */
  checkTable: string | null;
  /** Outputs the page displays as errors (`.output_error`). */
  errorBoxes: number;
}

/**
 * The page's window, for functions run inside it by `page.evaluate`: those
 * are sent as source text, so they cannot call helpers of this module.
 */
type JupyterWindow = { Jupyter: JupyterGlobal; __e2eUnsolicited: number };

/**
 * Opens a notebook and waits until its kernel is connected, has answered
 * kernel_info, and is idle.
 *
 * @param page a browser page
 * @param url the notebook's URL, token included
 */
export async function openNotebook(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const J = (globalThis as unknown as { Jupyter?: JupyterGlobal }).Jupyter;
      const kernel = J?.notebook?.kernel;
      return Boolean(
        J?.notebook?._fully_loaded && kernel?.is_connected() && kernel.info_reply?.implementation &&
          document.querySelector("#kernel_indicator_icon.kernel_idle_icon"),
      );
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() => {
    // Output the page could not attribute to any cell: counted, must stay 0.
    const w = globalThis as unknown as JupyterWindow;
    w.__e2eUnsolicited = 0;
    w.Jupyter.notebook.events.on("received_unsolicited_message.Kernel", () => {
      w.__e2eUnsolicited++;
    });
  });
}

/**
 * The kernel the page runs: spec name and the name in the kernel indicator.
 *
 * @param page a page with an open notebook
 * @returns e.g. `{ name: "deno", display: "Deno (course)", implementation: "Deno kernel" }`
 */
export function kernelOf(
  page: Page,
): Promise<{ name: string; display: string; implementation: string }> {
  return page.evaluate(() => {
    const kernel = (globalThis as unknown as JupyterWindow).Jupyter.notebook.kernel!;
    return {
      name: kernel.name,
      display: document.querySelector(".kernel_indicator_name")?.textContent?.trim() ?? "",
      implementation: kernel.info_reply?.implementation ?? "",
    };
  });
}

/**
 * How many outputs the page received that belonged to no cell it knew.
 *
 * @param page a page opened with {@link openNotebook}
 * @returns the count since the notebook was opened
 */
export function unsolicitedOutputs(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as JupyterWindow).__e2eUnsolicited);
}

/** Number of cells in the notebook. */
export function cellCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as JupyterWindow).Jupyter.notebook.ncells());
}

/**
 * Waits until every listed code cell has run since `before` (its last
 * execute request differs from the one in `before`), its execute_reply and
 * its idle status have both arrived, and the kernel indicator shows idle.
 *
 * @param page the notebook page
 * @param cells indices of code cells
 * @param before each cell's last message id before the run
 * @param timeout milliseconds
 */
export async function waitForCells(
  page: Page,
  cells: number[],
  before: (string | null)[],
  timeout = 120_000,
): Promise<void> {
  await page.waitForFunction(
    ([cells, before]) => {
      const nb = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
      const callbacks = nb.kernel!._msg_callbacks;
      const done = cells.every((i, k) => {
        const cell = nb.get_cell(i);
        const id = cell.last_msg_id;
        if (!cell.get_text().trim()) return true; // empty cells are not sent
        const cb = id ? callbacks[id] : undefined;
        return id && id !== before[k] && cb?.shell_done && cb.iopub_done &&
          typeof cell.input_prompt_number === "number";
      });
      return done && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    },
    [cells, before] as const,
    { timeout, polling: 50 },
  );
}

function lastMessageIds(page: Page, cells: number[]): Promise<(string | null)[]> {
  return page.evaluate(
    (cells) =>
      cells.map((i) =>
        (globalThis as unknown as JupyterWindow).Jupyter.notebook.get_cell(i).last_msg_id ?? null
      ),
    cells,
  );
}

function cellTypes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nb = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
    return Array.from({ length: nb.ncells() }, (_, i) => nb.get_cell(i).cell_type);
  });
}

/** Selects a cell the way a mouse does: a click on its prompt area (command mode). */
async function selectCell(page: Page, index: number): Promise<void> {
  const cell = page.locator("#notebook-container > .cell").nth(index);
  await cell.scrollIntoViewIfNeeded();
  // The prompt column selects without entering edit mode; markdown cells
  // have one too.
  await cell.locator(".prompt").first().click();
}

/**
 * Runs one cell as a learner does: click it, Shift+Enter (Ctrl+Enter on the
 * last cell, where Shift+Enter would add a new cell), and for a code cell
 * wait until it has run and the kernel is idle.
 *
 * @param page the notebook page
 * @param index the cell
 * @param timeout milliseconds for the cell to run
 */
export async function runCell(page: Page, index: number, timeout = 120_000): Promise<void> {
  const [type] = await page.evaluate(
    (i) => [(globalThis as unknown as JupyterWindow).Jupyter.notebook.get_cell(i).cell_type],
    index,
  );
  const before = await lastMessageIds(page, [index]);
  const last = index === (await cellCount(page)) - 1;
  await selectCell(page, index);
  await page.keyboard.press(last ? "Control+Enter" : "Shift+Enter");
  if (type === "code") await waitForCells(page, [index], before, timeout);
}

/**
 * Starts a cell (Shift+Enter), waits `afterMs`, then Kernel > Interrupt from
 * the menu, and waits until the cell has ended and the kernel is idle.
 *
 * @param page the notebook page
 * @param index the code cell to start and interrupt
 * @param afterMs how long the cell runs before the interrupt
 * @returns milliseconds from the click on Interrupt until the cell had ended
 */
export async function interruptCell(page: Page, index: number, afterMs = 1000): Promise<number> {
  const before = await lastMessageIds(page, [index]);
  await selectCell(page, index);
  await page.keyboard.press("Shift+Enter");
  await page.waitForTimeout(afterMs);
  await page.click("#kernellink");
  const clicked = performance.now();
  await page.click("#int_kernel > a");
  await waitForCells(page, [index], before, 30_000);
  return performance.now() - clicked;
}

/**
 * Runs every cell from the top, one at a time, as a learner reading the
 * chapter does: click the first cell, then Shift+Enter, which runs the
 * selected cell and selects the next one (Ctrl+Enter on the last cell, where
 * Shift+Enter would add a new cell); after each code cell, wait until it has
 * run and the kernel is idle.
 *
 * @param page the notebook page
 * @param timeout milliseconds for each cell to run
 */
export async function runCellByCell(page: Page, timeout = 120_000): Promise<void> {
  const n = await cellCount(page);
  if (n === 0) return;
  await selectCell(page, 0);
  for (let i = 0; i < n; i++) {
    const { type, lastMsgId, selected } = await page.evaluate((i) => {
      const nb = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
      const cell = nb.get_cell(i);
      return {
        type: cell.cell_type,
        lastMsgId: cell.last_msg_id ?? null,
        selected: nb.get_selected_index(),
      };
    }, i);
    if (selected !== i) throw new Error(`Shift+Enter selected cell ${selected}, not ${i}`);
    await page.keyboard.press(i === n - 1 ? "Control+Enter" : "Shift+Enter");
    if (type === "code") await waitForCells(page, [i], [lastMsgId], timeout);
  }
}

/**
 * Cell > Run All from the menu: every cell queued at once, then waits until
 * all code cells have run and the kernel is idle.
 *
 * @param page the notebook page
 * @param timeout milliseconds for the whole notebook
 */
export async function runAll(page: Page, timeout = 180_000): Promise<void> {
  const types = await cellTypes(page);
  const code = types.flatMap((t, i) => t === "code" ? [i] : []);
  const before = await lastMessageIds(page, code);
  await page.click("#celllink");
  await page.click("#run_all_cells > a");
  await waitForCells(page, code, before, timeout);
}

/**
 * Kernel > Restart, through the menu and its confirmation dialog, then waits
 * for the new kernel to be ready and idle.
 *
 * @param page the notebook page
 */
export async function restartKernel(page: Page): Promise<void> {
  const info = await page.evaluate(() =>
    (globalThis as unknown as JupyterWindow).Jupyter.notebook.kernel!.info_reply
  );
  await page.click("#kernellink");
  await page.click("#restart_kernel > a");
  await page.click(".modal-dialog .btn-danger");
  await page.waitForFunction(
    (old) => {
      const kernel = (globalThis as unknown as JupyterWindow).Jupyter.notebook.kernel!;
      return kernel.is_connected() && kernel.info_reply !== old && kernel.info_reply &&
        document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    },
    info,
    { timeout: 60_000, polling: 50 },
  );
}

/**
 * Replaces a code cell's text by typing it: click into the editor, select
 * all, insert the new text (as a paste would, so the editor adds no
 * auto-indent or closing brackets).
 *
 * @param page the notebook page
 * @param index the cell
 * @param text the new source
 */
export async function typeIntoCell(page: Page, index: number, text: string): Promise<void> {
  const editor = page.locator("#notebook-container > .cell").nth(index).locator(".CodeMirror");
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
  await page.keyboard.press("Escape"); // back to command mode
}

/**
 * File > Save (Ctrl+S) and wait until the page says it has saved.
 *
 * @param page the notebook page
 */
export async function save(page: Page): Promise<void> {
  await page.keyboard.press("Control+S");
  await page.waitForFunction(
    () => !(globalThis as unknown as JupyterWindow).Jupyter.notebook.dirty,
    undefined,
    { timeout: 30_000 },
  );
}

/**
 * Index of the first cell whose `metadata.course` has the given key/value.
 *
 * @param page the notebook page
 * @param key e.g. `exercise`
 * @param value e.g. `01-concurrent-waits`
 * @returns the cell index, or -1
 */
export function findCourseCell(page: Page, key: string, value: string): Promise<number> {
  return page.evaluate(([key, value]) => {
    const nb = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
    for (let i = 0; i < nb.ncells(); i++) {
      const course = nb.get_cell(i).metadata.course as Record<string, unknown> | undefined;
      if (course?.[key] === value) return i;
    }
    return -1;
  }, [key, value] as const);
}

/**
 * Everything the page shows for each cell: outputs from the page's model,
 * SVG sizes and error boxes from the rendered output area.
 *
 * @param page the notebook page
 * @returns one entry per cell
 */
export function readCells(page: Page): Promise<ShownCell[]> {
  return page.evaluate(() => {
    const nb = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
    const plain = (value: unknown) =>
      (Array.isArray(value) ? value.join("") : String(value ?? "")).replace(
        // Deno colours text/plain results; compare the text, not the colours.
        // deno-lint-ignore no-control-regex
        /\x1b\[[0-9;]*m/g,
        "",
      );
    return Array.from({ length: nb.ncells() }, (_, index) => {
      const cell = nb.get_cell(index);
      const area = cell.output_area;
      const outputs = (area?.outputs ?? []).map((o) => ({
        type: o.output_type,
        ...(o.name ? { name: o.name } : {}),
        mimes: Object.keys(o.data ?? {}).sort(),
        text: o.output_type === "stream"
          ? plain(o.text)
          : o.output_type === "error"
          ? `${o.ename}: ${o.evalue}`
          : plain(o.data?.["text/plain"]),
      }));
      const root = area?.element[0];
      const svgs = root
        ? Array.from(
          root.querySelectorAll(".output_subarea > svg, .output_svg svg, .output_html svg"),
        )
          .filter((svg) => !svg.parentElement?.closest("svg")) // outermost only
          .map((svg) => {
            const box = svg.getBoundingClientRect();
            const style = getComputedStyle(svg);
            return {
              width: box.width,
              height: box.height,
              visible: style.display !== "none" && style.visibility !== "hidden",
            };
          })
        : [];
      const check = root?.querySelector(".course-check");
      const count = cell.input_prompt_number;
      return {
        index,
        type: cell.cell_type,
        source: cell.get_text(),
        course: cell.metadata.course as Record<string, unknown> | undefined,
        executionCount: typeof count === "number" ? count : null,
        outputs,
        svgs,
        checkTable: check ? (check.textContent ?? "") : null,
        errorBoxes: root ? root.querySelectorAll(".output_error").length : 0,
      };
    });
  });
}
