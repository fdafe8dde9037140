// The console's terminal: xterm.js bridged to /ws/exec/... (binary frames both ways, JSON text frames for control).
// Engine output is written to the terminal as bytes (never as HTML).
import { Terminal } from "../lib/xterm/xterm.mjs";
import { FitAddon } from "../lib/xterm/addon-fit.mjs";

const storageKey = id => "quayside.console." + id;

export function recall(containerId) {
    return localStorage.getItem(storageKey(containerId));
}

export function remember(containerId, settings) {
    localStorage.setItem(storageKey(containerId), settings);
}

/** Opens a terminal in the element and connects it to the WebSocket path; reports the end to dotnet's OnEnded. */
export function open(element, path, dotnet) {
    close(element);
    if (!element?.isConnected) return; // the page was left while the console was still looking for a shell
    const term = new Terminal({
        scrollback: 10000,
        cursorBlink: true,
        fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
        fontSize: 14,
        theme: { background: "#1e1e1e", foreground: "#d4d4d4" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();

    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const sep = path.includes("?") ? "&" : "?";
    const ws = new WebSocket(`${scheme}${location.host}${path}${sep}rows=${term.rows}&cols=${term.cols}`);
    ws.binaryType = "arraybuffer";
    const encoder = new TextEncoder();
    let ended = false;
    const sendBytes = bytes => { if (ws.readyState === WebSocket.OPEN) ws.send(bytes); };
    const sendResize = () => {
        if (ws.readyState === WebSocket.OPEN)
            ws.send(JSON.stringify({ type: "resize", rows: term.rows, cols: term.cols }));
    };
    const finish = info => {
        if (ended) return;
        ended = true;
        term.write(`\r\n\x1b[1;33m${info.message}\x1b[0m\r\n`);
        dotnet.invokeMethodAsync("OnEnded", info);
    };

    ws.onopen = () => term.focus();
    ws.onmessage = e => {
        if (typeof e.data !== "string") {
            term.write(new Uint8Array(e.data));
            return;
        }
        const msg = JSON.parse(e.data);
        if (msg.type === "started") {
            sendResize();
            dotnet.invokeMethodAsync("OnStarted");
        } else if (msg.type === "end") {
            finish(msg);
        } else if (msg.type === "error") {
            finish({ message: msg.message, error: true });
        }
    };
    ws.onclose = e => finish({ message: e.code === 1000 ? "The connection closed." : `The connection to Quayside was lost (code ${e.code}).`, lost: true });

    term.onData(data => sendBytes(encoder.encode(data)));
    term.onBinary(data => sendBytes(Uint8Array.from(data, c => c.charCodeAt(0))));
    term.onResize(sendResize);
    // Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes (plain Ctrl+C stays an interrupt for the shell).
    term.attachCustomKeyEventHandler(e => {
        if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
        if (e.code === "KeyC" && term.hasSelection()) {
            navigator.clipboard?.writeText(term.getSelection());
            return false;
        }
        if (e.code === "KeyV") {
            navigator.clipboard?.readText().then(text => term.paste(text));
            return false;
        }
        return true;
    });
    const resizer = new ResizeObserver(() => { try { fit.fit(); } catch { /* hidden element */ } });
    resizer.observe(element);

    element.quaysideConsole = {
        term,
        ws,
        dispose() {
            ended = true;
            resizer.disconnect();
            ws.close();
            term.dispose();
        },
    };
}

export function close(element) {
    if (element?.quaysideConsole) {
        element.quaysideConsole.dispose();
        delete element.quaysideConsole;
    }
}

/** Opens a <details> element (the options panel, when the remembered options need correcting). */
export function reveal(details) {
    if (details) details.open = true;
}

export function focus(element) {
    element?.quaysideConsole?.term.focus();
}

/** Test hook: the terminal's whole buffer (scrollback and screen) as text, one line per row. */
export function text(element) {
    const buffer = element?.quaysideConsole?.term.buffer.active;
    if (!buffer) return "";
    const lines = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    return lines.join("\n");
}
