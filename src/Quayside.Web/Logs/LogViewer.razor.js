// Quayside's log viewer: keeps up to MAX_LINES lines in plain arrays and puts only the visible rows in the DOM.
// Engine text reaches the page only through textContent (and ANSI colours through class names), never as HTML.
import { parseAnsi, stripAnsi } from "../js/ansi.js";

const ROW = 18;                    // px; equals .lv-row's line-height
const MAX_LINES = 2_000_000;       // beyond this the oldest tenth is dropped
const MAX_SCROLL_PX = 8_000_000;   // browsers cap an element's height; longer logs map the scrollbar proportionally
const SEARCH_SLICE_MS = 12;        // a search yields to the page this often

/** Makes a viewer in root; with url, starts streaming from it at once. */
export function create(root, options, url) {
    // The person may have left the page while the module loaded: an exception here would end the whole circuit.
    if (!root || !root.isConnected) return null;
    const viewer = new LogViewer(root, options ?? {});
    if (url) viewer.open(url);
    return viewer;
}

function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props ?? {})) {
        if (k === "text") e.textContent = v;
        else if (k === "class") e.className = v;
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
}

/** The marker after a line the server cut: it is not part of the line, so it is drawn apart and never searched. */
function moreText(bytes) {
    return `… ${bytes.toLocaleString("en-US")} more byte${bytes === 1 ? "" : "s"}`;
}

class LogViewer {
    constructor(root, options) {
        this.root = root;
        this.timestamps = !!options.timestamps;
        this.merged = !!options.merged;
        this.names = [];
        this.resetBuffers();
        this.matcher = null;
        this.searchGen = 0;
        this.searchDone = true;
        this.onlyMatching = false;
        this.current = -1;          // index into this.matches
        this.stick = true;          // keep the newest line in view
        this.ownScrollTop = -1;
        this.renderQueued = false;
        this.ws = null;
        this.state = "idle";
        this.build();
        this.resizeObserver = new ResizeObserver(() => this.queueRender());
        this.resizeObserver.observe(this.scroller);
    }

    resetBuffers() {
        this.raw = [];     // the line as sent (may hold ANSI escapes)
        this.plain = [];   // the same without escapes (the very same string when it had none)
        this.ts = [];      // engine timestamp or null
        this.flags = [];   // source * 2 + (stderr ? 1 : 0)
        this.more = new Map(); // line number (counting dropped lines) -> bytes the server left out of that long line
        this.matches = [];
        this.dropped = 0;
    }

    // ---------- layout ----------

    build() {
        const r = this.root;
        r.replaceChildren();
        r.classList.add("lv");
        this.search = el("input", { class: "q-input lv-search", type: "search", placeholder: "Search the loaded lines", "data-testid": "logs-search", "aria-label": "Search" });
        this.regex = el("input", { type: "checkbox", "data-testid": "logs-regex" });
        this.caseSensitive = el("input", { type: "checkbox", "data-testid": "logs-case" });
        this.only = el("input", { type: "checkbox", "data-testid": "logs-only-matching" });
        this.wrap = el("input", { type: "checkbox", "data-testid": "logs-wrap" });
        this.matchCount = el("span", { class: "lv-matches muted", "data-testid": "logs-match-count" });
        this.searchError = el("span", { class: "field-error lv-search-error", "data-testid": "logs-search-error" });
        const prev = el("button", { class: "q-button", type: "button", title: "Previous match (Shift+Enter)", "data-testid": "logs-prev", text: "↑ Prev", onclick: () => this.step(-1) });
        const next = el("button", { class: "q-button", type: "button", title: "Next match (Enter)", "data-testid": "logs-next", text: "↓ Next", onclick: () => this.step(1) });
        const download = el("button", { class: "q-button", type: "button", title: "Download the lines shown (after search filtering) as a text file", "data-testid": "logs-download-shown", text: "Download shown lines", onclick: () => this.downloadShown() });
        let debounce = 0;
        const research = () => { clearTimeout(debounce); debounce = setTimeout(() => this.setSearch(), 120); };
        this.search.addEventListener("input", research);
        this.search.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); this.step(e.shiftKey ? -1 : 1); } });
        this.regex.addEventListener("change", () => this.setSearch());
        this.caseSensitive.addEventListener("change", () => this.setSearch());
        this.only.addEventListener("change", () => { this.onlyMatching = this.only.checked; this.current = -1; this.queueRender(); this.scrollToEnd(); });
        this.wrap.addEventListener("change", () => { r.classList.toggle("lv-wrap", this.wrap.checked); this.queueRender(); });

        const label = (input, text) => el("label", { class: "lv-toggle" }, input, " " + text);
        this.toolbar = el("div", { class: "lv-toolbar" },
            this.search, label(this.regex, "Regex"), label(this.caseSensitive, "Match case"), label(this.only, "Only matching lines"),
            prev, next, this.matchCount, this.searchError, el("span", { class: "lv-sep" }), label(this.wrap, "Wrap lines"), download);

        this.rows = el("div", { class: "lv-rows", "data-testid": "logs-rows" });
        this.window = el("div", { class: "lv-window" }, this.rows);
        this.spacer = el("div", { class: "lv-spacer" });
        this.scroller = el("div", { class: "lv-scroller", tabindex: "0", "data-testid": "logs-scroller" }, this.window, this.spacer);
        // Our own jumps to the newest line must not end "stick" when more lines arrived before the scroll event.
        this.scroller.addEventListener("scroll", () => {
            if (Math.abs(this.scroller.scrollTop - this.ownScrollTop) > 1) this.stick = this.atBottom();
            this.queueRender();
        }, { passive: true });
        this.jump = el("button", { class: "q-button lv-jump", type: "button", text: "↓ Newest", hidden: "", "data-testid": "logs-jump-end", onclick: () => { this.stick = true; this.scrollToEnd(); } });
        this.status = el("div", { class: "lv-status muted", "data-testid": "logs-status" });
        this.error = el("div", { class: "field-error lv-error", "data-testid": "logs-error", hidden: "" });
        r.append(this.toolbar, this.error, el("div", { class: "lv-frame" }, this.scroller, this.jump), this.status);
    }

    // ---------- the stream ----------

    open(url) {
        this.close();
        this.resetBuffers();
        this.current = -1;
        this.stick = true;
        this.state = "connecting";
        this.showError(null);
        this.startSearch();
        this.queueRender();
        const ws = new WebSocket(new URL(url, document.baseURI).href.replace(/^http/, "ws"));
        this.ws = ws;
        ws.onopen = () => { if (this.ws === ws) { this.state = "streaming"; this.queueRender(); } };
        ws.onmessage = e => { if (this.ws === ws) this.receive(JSON.parse(e.data)); };
        ws.onclose = e => {
            if (this.ws !== ws) return;
            // The server closes with 1000 "done" once it has sent the whole range (or the container's log ended).
            if (e.code === 1000 && e.reason === "done" && this.state === "streaming") this.state = "ended";
            if (this.state === "streaming" || this.state === "connecting") {
                this.state = "closed";
                if (!this.errorShown) this.showError("The log stream was closed (is the dashboard still running? are you still logged in?). Apply to reconnect.");
            }
            this.queueRender();
        };
    }

    close() {
        if (this.ws) {
            const ws = this.ws;
            this.ws = null;
            ws.close();
        }
    }

    receive(msg) {
        if (msg.t === "lines") this.append(msg.l);
        else if (msg.t === "meta") { this.names = msg.containers.map(c => c.name); this.tty = msg.containers.map(c => c.tty); }
        else if (msg.t === "end") this.state = "ended";
        else if (msg.t === "error") { this.state = "failed"; this.showError(msg.message); }
        this.queueRender();
    }

    append(lines) {
        const start = this.raw.length;
        for (const [src, err, ts, text, more] of lines) {
            if (more > 0) this.more.set(this.dropped + this.raw.length, more);
            this.raw.push(text);
            this.plain.push(stripAnsi(text));
            this.ts.push(ts);
            this.flags.push(src * 2 + err);
        }
        if (this.matcher && this.searchDone) {
            for (let i = start; i < this.raw.length; i++)
                if (this.matcher(this.plain[i])) this.matches.push(i);
        }
        if (this.raw.length > MAX_LINES) this.dropOldest(this.raw.length - Math.floor(MAX_LINES * 0.9));
    }

    dropOldest(n) {
        for (const a of [this.raw, this.plain, this.ts, this.flags]) a.splice(0, n);
        this.dropped += n;
        for (const line of this.more.keys()) if (line < this.dropped) this.more.delete(line);
        this.startSearch();
    }

    showError(text) {
        this.errorShown = !!text;
        this.error.textContent = text ?? "";
        this.error.hidden = !text;
    }

    // ---------- search ----------

    setSearch() {
        this.searchError.textContent = "";
        const q = this.search.value;
        this.matcher = null;
        if (q) {
            const cs = this.caseSensitive.checked;
            if (this.regex.checked) {
                try {
                    const re = new RegExp(q, cs ? "" : "i");
                    this.matcher = s => re.test(s);
                    this.highlighter = new RegExp(q, cs ? "g" : "gi");
                } catch (e) {
                    this.searchError.textContent = "Not a valid regular expression: " + e.message;
                }
            } else {
                const needle = cs ? q : q.toLowerCase();
                this.matcher = cs ? s => s.includes(needle) : s => s.toLowerCase().includes(needle);
                this.highlighter = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), cs ? "g" : "gi");
            }
        }
        this.current = -1;
        this.startSearch();
    }

    /** Scans every loaded line in slices, so a million lines never freeze the page. */
    startSearch() {
        const gen = ++this.searchGen;
        this.matches = [];
        this.searchDone = !this.matcher;
        this.queueRender();
        if (!this.matcher) return;
        const matcher = this.matcher;
        const started = performance.now();
        let i = 0;
        const slice = () => {
            if (gen !== this.searchGen) return;
            const until = performance.now() + SEARCH_SLICE_MS;
            const plain = this.plain, matches = this.matches;
            while (i < plain.length) {
                const end = Math.min(plain.length, i + 4096);
                for (; i < end; i++) if (matcher(plain[i])) matches.push(i);
                if (performance.now() > until) break;
            }
            if (i < this.plain.length) { this.queueRender(); setTimeout(slice, 0); return; }
            this.searchDone = true;
            this.lastSearchMs = performance.now() - started;
            this.root.dataset.searchMs = this.lastSearchMs.toFixed(1);
            this.root.dataset.searchGen = String(gen);
            this.queueRender();
            if (this.onlyMatching) this.scrollToEnd();
        };
        slice();
    }

    step(direction) {
        if (!this.matches.length) return;
        this.stick = false;
        this.current = this.current < 0
            ? (direction > 0 ? this.firstMatchAtOrAfter(this.firstVisibleLine()) : this.firstMatchAtOrAfter(this.firstVisibleLine()) - 1)
            : this.current + direction;
        this.current = (this.current + this.matches.length) % this.matches.length;
        const line = this.matches[this.current];
        this.scrollToDisplay(this.onlyMatching ? this.current : line);
    }

    firstMatchAtOrAfter(line) {
        let lo = 0, hi = this.matches.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (this.matches[mid] < line) lo = mid + 1; else hi = mid; }
        return lo % Math.max(1, this.matches.length);
    }

    // ---------- geometry ----------

    get filtered() { return this.onlyMatching && this.matcher; }
    get count() { return this.filtered ? this.matches.length : this.raw.length; }
    lineAt(d) { return this.filtered ? this.matches[d] : d; }

    geometry() {
        const clientH = this.scroller.clientHeight || 1;
        const visible = Math.max(1, Math.floor(clientH / ROW));
        const total = this.count * ROW;
        const scrollPx = Math.min(total, MAX_SCROLL_PX);
        const maxScroll = Math.max(0, scrollPx - clientH);
        return { clientH, visible, maxScroll, scaled: total > MAX_SCROLL_PX };
    }

    atBottom() {
        const g = this.geometry();
        return this.scroller.scrollTop >= g.maxScroll - 2;
    }

    firstVisibleLine() {
        const g = this.geometry();
        return this.lineAt(Math.min(this.count - 1, Math.max(0, this.firstDisplay(g)))) ?? 0;
    }

    firstDisplay(g) {
        if (g.maxScroll === 0) return 0;
        const top = this.scroller.scrollTop;
        if (!g.scaled) return Math.floor(top / ROW);
        return Math.round(top / g.maxScroll * Math.max(0, this.count - g.visible));
    }

    scrollToDisplay(d) {
        const g = this.geometry();
        const target = Math.max(0, d - Math.floor(g.visible / 3));
        this.scroller.scrollTop = g.scaled ? target / Math.max(1, this.count - g.visible) * g.maxScroll : target * ROW;
        this.ownScrollTop = this.scroller.scrollTop;
        this.queueRender();
    }

    scrollToEnd() {
        this.stick = true;
        this.queueRender();
    }

    // ---------- rendering ----------

    queueRender() {
        if (this.renderQueued) return;
        this.renderQueued = true;
        requestAnimationFrame(() => { this.renderQueued = false; this.render(); });
    }

    render() {
        const g = this.geometry();
        this.spacer.style.height = g.maxScroll + "px";
        if (this.stick && this.scroller.scrollTop !== g.maxScroll) {
            this.scroller.scrollTop = g.maxScroll;
            this.ownScrollTop = this.scroller.scrollTop;
        }
        const count = this.count;
        const bottom = this.stick || (g.maxScroll > 0 && this.scroller.scrollTop >= g.maxScroll - 2);
        let first, offset = 0;
        if (bottom) first = Math.max(0, count - g.visible - 1);
        else {
            first = this.firstDisplay(g);
            if (!g.scaled) offset = this.scroller.scrollTop - first * ROW;
        }
        const last = Math.min(count, first + g.visible + 2);
        const currentLine = this.current >= 0 ? this.matches[this.current] : -1;
        const frag = document.createDocumentFragment();
        for (let d = first; d < last; d++) frag.append(this.row(this.lineAt(d), currentLine));
        this.rows.replaceChildren(frag);
        this.rows.classList.toggle("lv-bottom", bottom && count > g.visible);
        this.rows.style.transform = offset ? `translateY(${-offset}px)` : "";
        this.jump.hidden = bottom || count === 0;
        this.renderStatus(count);
    }

    row(i, currentLine) {
        const flags = this.flags[i];
        const stderr = (flags & 1) === 1;
        const row = el("div", { class: "lv-row" + (stderr ? " lv-stderr" : "") + (i === currentLine ? " lv-current" : ""), "data-testid": "logs-row", "data-stream": stderr ? "stderr" : "stdout", "data-line": String(i + this.dropped) });
        if (stderr) row.title = "stderr";
        if (this.merged) {
            const src = flags >> 1;
            row.append(el("span", { class: "lv-src lv-src" + (src % 8), "data-testid": "logs-source", text: this.names[src] ?? "?" }));
        }
        if (this.timestamps && this.ts[i]) row.append(el("span", { class: "lv-ts", text: this.ts[i] }));
        const text = el("span", { class: "lv-text" });
        this.fillText(text, i);
        row.append(text);
        const more = this.more.get(i + this.dropped);
        if (more) row.append(el("span", { class: "lv-more", "data-testid": "logs-more", title: "This line is longer than the viewer shows (its first 64 KiB). Download the log for every byte.", text: moreText(more) }));
        return row;
    }

    fillText(target, i) {
        const segments = parseAnsi(this.raw[i]);
        const ranges = this.matcher && this.highlighter ? this.hitRanges(this.plain[i]) : [];
        let pos = 0, r = 0;
        for (const seg of segments) {
            const segEnd = pos + seg.text.length;
            let at = pos;
            while (at < segEnd) {
                while (r < ranges.length && ranges[r][1] <= at) r++;
                const range = ranges[r];
                let cut, hit = false;
                if (range && range[0] <= at) { cut = Math.min(segEnd, range[1]); hit = true; }
                else cut = range ? Math.min(segEnd, range[0]) : segEnd;
                const piece = seg.text.slice(at - pos, cut - pos);
                let node = seg.style ? this.styled(piece, seg.style) : document.createTextNode(piece);
                if (hit) node = el("mark", { class: "lv-hit" }, node);
                target.append(node);
                at = cut;
            }
            pos = segEnd;
        }
    }

    styled(text, style) {
        const span = document.createElement("span");
        if (style.cls) span.className = style.cls;
        if (style.color) span.style.color = style.color;
        if (style.background) span.style.backgroundColor = style.background;
        span.textContent = text;
        return span;
    }

    hitRanges(s) {
        const ranges = [];
        const re = this.highlighter;
        re.lastIndex = 0;
        for (let m, guard = 0; (m = re.exec(s)) && guard < 200; guard++) {
            if (m[0].length === 0) { re.lastIndex++; continue; }
            ranges.push([m.index, m.index + m[0].length]);
        }
        return ranges;
    }

    renderStatus(count) {
        const n = this.raw.length;
        const parts = [`${n.toLocaleString("en-US")} line${n === 1 ? "" : "s"} loaded`];
        if (this.dropped) parts.push(`${this.dropped.toLocaleString("en-US")} oldest dropped`);
        if (this.filtered) parts.push(`${count.toLocaleString("en-US")} shown`);
        parts.push({ connecting: "connecting…", streaming: "streaming", ended: "end of log", closed: "disconnected", failed: "failed", idle: "" }[this.state]);
        this.status.textContent = parts.filter(Boolean).join(" · ");
        this.status.dataset.count = String(n);
        this.status.dataset.state = this.state;
        if (!this.matcher) this.matchCount.textContent = "";
        else {
            const total = this.matches.length.toLocaleString("en-US");
            this.matchCount.textContent = !this.searchDone ? `searching… ${total} so far`
                : this.current >= 0 ? `match ${(this.current + 1).toLocaleString("en-US")} of ${total}` : `${total} match${this.matches.length === 1 ? "" : "es"}`;
        }
        this.matchCount.dataset.count = String(this.matches.length);
        this.matchCount.dataset.done = String(this.searchDone);
    }

    // ---------- options and download ----------

    setTimestamps(on) {
        this.timestamps = !!on;
        this.queueRender();
    }

    /** The lines shown (all loaded lines, or only the matching ones) as a text file made in the browser. */
    downloadShown() {
        const count = this.count;
        const chunks = [];
        let chunk = [];
        for (let d = 0; d < count; d++) {
            const i = this.lineAt(d);
            let line = this.plain[i];
            if (this.timestamps && this.ts[i]) line = this.ts[i] + " " + line;
            if (this.merged) line = (this.names[this.flags[i] >> 1] ?? "?") + " | " + line;
            const more = this.more.get(i + this.dropped);
            if (more) line += " " + moreText(more);
            chunk.push(line);
            if (chunk.length === 10000) { chunks.push(chunk.join("\n") + "\n"); chunk = []; }
        }
        if (chunk.length) chunks.push(chunk.join("\n") + "\n");
        const url = URL.createObjectURL(new Blob(chunks, { type: "text/plain;charset=utf-8" }));
        const a = el("a", { href: url, download: (this.names.length === 1 ? this.names[0] : "merged") + (this.filtered ? "-matching" : "-shown") + ".txt" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }

    dispose() {
        this.close();
        this.searchGen++;
        this.resizeObserver.disconnect();
        this.root.replaceChildren();
    }
}
