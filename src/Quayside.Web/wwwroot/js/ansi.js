// ANSI escape handling for the log viewer. SGR colour codes become CSS classes (or an rgb() colour computed from
// integers); every other escape sequence is dropped. The text itself is only ever put into textContent by the caller.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST) and two-character escapes.
export const ESCAPES = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;

export function stripAnsi(s) {
    return s.indexOf("\x1b") < 0 ? s : s.replace(ESCAPES, "");
}

function xterm256(n) {
    if (n < 16) return null;
    if (n >= 232) { const v = 8 + (n - 232) * 10; return `rgb(${v},${v},${v})`; }
    n -= 16;
    const c = v => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${c(Math.floor(n / 36))},${c(Math.floor(n / 6) % 6)},${c(n % 6)})`;
}

function clamp255(v) { v = Number(v); return Number.isInteger(v) && v >= 0 && v <= 255 ? v : 0; }

function applySgr(state, params) {
    const codes = params.length ? params.split(";").map(p => (p === "" ? 0 : Number(p))) : [0];
    for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        if (c === 0) { state.fg = state.bg = state.fgRgb = state.bgRgb = null; state.bold = state.dim = state.italic = state.underline = false; }
        else if (c === 1) state.bold = true;
        else if (c === 2) state.dim = true;
        else if (c === 3) state.italic = true;
        else if (c === 4) state.underline = true;
        else if (c === 22) state.bold = state.dim = false;
        else if (c === 23) state.italic = false;
        else if (c === 24) state.underline = false;
        else if (c >= 30 && c <= 37) { state.fg = "fg" + (c - 30); state.fgRgb = null; }
        else if (c >= 90 && c <= 97) { state.fg = "fg" + (c - 90 + 8); state.fgRgb = null; }
        else if (c === 39) state.fg = state.fgRgb = null;
        else if (c >= 40 && c <= 47) { state.bg = "bg" + (c - 40); state.bgRgb = null; }
        else if (c >= 100 && c <= 107) { state.bg = "bg" + (c - 100 + 8); state.bgRgb = null; }
        else if (c === 49) state.bg = state.bgRgb = null;
        else if (c === 38 || c === 48) {
            const fg = c === 38;
            let cls = null, rgb = null;
            if (codes[i + 1] === 5 && i + 2 < codes.length) {
                const n = clamp255(codes[i + 2]);
                if (n < 16) cls = (fg ? "fg" : "bg") + n; else rgb = xterm256(n);
                i += 2;
            } else if (codes[i + 1] === 2 && i + 4 < codes.length) {
                rgb = `rgb(${clamp255(codes[i + 2])},${clamp255(codes[i + 3])},${clamp255(codes[i + 4])})`;
                i += 4;
            }
            if (fg) { state.fg = cls; state.fgRgb = rgb; } else { state.bg = cls; state.bgRgb = rgb; }
        }
    }
}

function styleOf(state) {
    const classes = [];
    if (state.fg) classes.push("ansi-" + state.fg);
    if (state.bg) classes.push("ansi-" + state.bg);
    if (state.bold) classes.push("ansi-bold");
    if (state.dim) classes.push("ansi-dim");
    if (state.italic) classes.push("ansi-italic");
    if (state.underline) classes.push("ansi-underline");
    if (!classes.length && !state.fgRgb && !state.bgRgb) return null;
    return { cls: classes.join(" "), color: state.fgRgb, background: state.bgRgb };
}

/** Splits a raw line into segments { text, style } whose texts concatenate to stripAnsi(raw). */
export function parseAnsi(raw) {
    if (raw.indexOf("\x1b") < 0) return [{ text: raw, style: null }];
    const segments = [];
    const state = { fg: null, bg: null, fgRgb: null, bgRgb: null, bold: false, dim: false, italic: false, underline: false };
    let last = 0;
    ESCAPES.lastIndex = 0;
    for (let m; (m = ESCAPES.exec(raw)); ) {
        if (m.index > last) segments.push({ text: raw.slice(last, m.index), style: styleOf(state) });
        last = m.index + m[0].length;
        const seq = m[0];
        if (seq.length > 2 && seq[1] === "[" && seq[seq.length - 1] === "m" && /^[\d;]*$/.test(seq.slice(2, -1)))
            applySgr(state, seq.slice(2, -1));
    }
    if (last < raw.length) segments.push({ text: raw.slice(last), style: styleOf(state) });
    return segments;
}
