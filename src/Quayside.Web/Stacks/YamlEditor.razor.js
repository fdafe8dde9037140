// The compose editor's behaviour in the browser: the gutter follows the text's scrolling, Tab indents, and a problem's
// line can be brought into view with the caret on it. The textarea stays the one source of the text (Blazor reads it
// through its input events).
const INDENT = "  ";
const attached = new WeakMap();

/** Wires a textarea to its line-number gutter. */
export function attach(area, gutter) {
    if (!area || !area.isConnected || attached.has(area)) return;
    const state = { escaped: false };
    const sync = () => { gutter.scrollTop = area.scrollTop; };
    const keydown = e => {
        if (e.key === "Escape") { state.escaped = true; return; }
        const plainTab = e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey;
        const leaving = state.escaped;
        state.escaped = false;
        // Esc then Tab moves on, so the keyboard is never trapped in the editor.
        if (!plainTab || leaving || area.readOnly) return;
        e.preventDefault();
        indent(area);
    };
    area.addEventListener("scroll", sync, { passive: true });
    area.addEventListener("keydown", keydown);
    attached.set(area, { sync, keydown });
    sync();
}

export function detach(area) {
    const handlers = area && attached.get(area);
    if (!handlers) return;
    area.removeEventListener("scroll", handlers.sync);
    area.removeEventListener("keydown", handlers.keydown);
    attached.delete(area);
}

/** Puts the caret at the start of a line (from 1) and scrolls that line to a third of the way down. */
export function goToLine(area, gutter, line) {
    if (!area || !area.isConnected) return;
    const text = area.value;
    let start = 0;
    for (let n = 1; n < line; n++) {
        const next = text.indexOf("\n", start);
        if (next < 0) break;
        start = next + 1;
    }
    area.focus({ preventScroll: true });
    area.setSelectionRange(start, start);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 1) * lineHeight - area.clientHeight / 3);
    gutter.scrollTop = area.scrollTop;
    area.scrollIntoView({ block: "nearest" });
}

/** Two spaces at the caret; with several lines selected, two spaces before each of them. */
function indent(area) {
    const { selectionStart: from, selectionEnd: to, value } = area;
    const lineStart = value.lastIndexOf("\n", from - 1) + 1;
    const lastBreak = value.lastIndexOf("\n", to - 1);
    if (from === to || lastBreak < lineStart) {
        replace(area, from, to, INDENT, from + INDENT.length, from + INDENT.length);
        return;
    }
    // A selection that ends at the start of a line does not take that line with it.
    const end = to > lineStart && value[to - 1] === "\n" ? to - 1 : to;
    const block = value.slice(lineStart, end);
    const indented = INDENT + block.replace(/\n/g, "\n" + INDENT);
    replace(area, lineStart, end, indented, from + INDENT.length, to + (indented.length - block.length));
}

function replace(area, start, end, text, selectionStart, selectionEnd) {
    area.setSelectionRange(start, end);
    // execCommand keeps the browser's undo history and raises the input event itself.
    if (!document.execCommand("insertText", false, text)) {
        area.setRangeText(text, start, end);
        area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.setSelectionRange(selectionStart, selectionEnd);
}
