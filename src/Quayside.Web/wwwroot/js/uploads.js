// Uploads, streamed progress and the Dockerfile highlighter for the build, load/import and file pages.
// Engine text is untrusted: it is only ever set with textContent, never innerHTML.

async function antiforgery() {
    const response = await fetch("/api/antiforgery", { credentials: "same-origin" });
    const body = await response.json();
    return body;
}

// Sends a body with XHR (which reports upload progress) and hands each JSON line of the streamed answer to onLine.
function send(url, body, contentType, token, onUpload, onLine) {
    return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        let seen = 0, buffered = "";
        const drain = () => {
            buffered += xhr.responseText.substring(seen);
            seen = xhr.responseText.length;
            let nl;
            while ((nl = buffered.indexOf("\n")) >= 0) {
                const line = buffered.substring(0, nl);
                buffered = buffered.substring(nl + 1);
                if (line.trim().length === 0) continue;
                try { onLine(JSON.parse(line)); } catch { onLine({ text: line + "\n" }); }
            }
        };
        xhr.open("POST", url);
        xhr.setRequestHeader(token.headerName, token.token);
        if (contentType) xhr.setRequestHeader("Content-Type", contentType);
        xhr.upload.onprogress = (e) => onUpload && e.lengthComputable && onUpload(e.loaded, e.total);
        xhr.onprogress = drain;
        xhr.onload = () => { drain(); resolve({ status: xhr.status, text: xhr.responseText }); };
        xhr.onerror = () => resolve({ status: 0, text: "The upload was interrupted (network error or the page's session ended)." });
        xhr.send(body);
    });
}

function formatBytes(n) {
    const units = ["B", "KB", "MB", "GB"];
    let i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return n.toFixed(i === 0 ? 0 : 1) + " " + units[i];
}

function problemText(result) {
    try {
        const body = JSON.parse(result.text);
        return body.summary || body.title || body.problem || result.text;
    } catch { return result.text || ("HTTP " + result.status); }
}

// A refusal shown before anything is sent (the server would answer 413 with the same words).
function refuse(statusId, text) {
    const status = document.getElementById(statusId);
    status.dataset.state = "failed";
    status.textContent = text;
    return false;
}

// Runs a streamed job (build, load, import): progress lines into `output`, the verdict into `status`.
async function runJob(url, body, contentType, outputId, statusId) {
    const output = document.getElementById(outputId);
    const status = document.getElementById(statusId);
    output.textContent = "";
    status.dataset.state = "running";
    status.textContent = "Sending…";
    const token = await antiforgery();
    let verdict = null;
    const result = await send(url, body, contentType, token,
        (loaded, total) => { if (!verdict) status.textContent = `Uploading ${formatBytes(loaded)} of ${formatBytes(total)}…`; },
        (line) => {
            if (line.done) { verdict = line; return; }
            status.textContent = "Running…";
            const span = document.createElement("span");
            if (line.error) span.className = "error-line";
            span.textContent = line.text || (line.error + "\n");
            output.appendChild(span);
            output.scrollTop = output.scrollHeight;
        });
    if (verdict) {
        status.dataset.state = verdict.ok ? "ok" : "failed";
        status.textContent = verdict.ok
            ? "Succeeded" + (verdict.imageId ? ": " + verdict.imageId.substring(0, 19) : "") + "."
            : "Failed: " + verdict.error;
    } else {
        status.dataset.state = "failed";
        status.textContent = "Failed: " + problemText(result);
    }
    return verdict ? verdict.ok : false;
}

// `limit` is {bytes, tooLarge}: the server's upload limit and its refusal, so an oversized choice is refused at once.
// `url` is the build endpoint of the page's host, with the build's query.
export async function build(url, dockerfileId, filesId, contextId, outputId, statusId, limit) {
    const chosen = [...document.getElementById(filesId).files, ...document.getElementById(contextId).files];
    if (limit && chosen.reduce((sum, f) => sum + f.size, 0) > limit.bytes) return refuse(statusId, limit.tooLarge);
    const form = new FormData();
    const dockerfile = document.getElementById(dockerfileId).value;
    const context = document.getElementById(contextId).files[0];
    if (dockerfile.trim().length > 0) form.append("dockerfile", dockerfile);
    if (context) form.append("context", context, context.name);
    for (const f of document.getElementById(filesId).files) form.append("files", f, f.webkitRelativePath || f.name);
    return runJob(url, form, null, outputId, statusId);
}

export async function uploadTar(url, inputId, outputId, statusId, limit) {
    const file = document.getElementById(inputId).files[0];
    if (!file) return refuse(statusId, "Choose a tar file first.");
    if (limit && file.size > limit.bytes) return refuse(statusId, limit.tooLarge);
    return runJob(url, file, "application/x-tar", outputId, statusId);
}

// File browser uploads: one raw request per file (its size is the tar entry's size), then tell the page.
// `uploadUrl` is the container's upload endpoint on the page's host.
async function uploadFiles(uploadUrl, folder, files, page, limit) {
    const token = await antiforgery();
    for (const file of files) {
        if (limit && file.size > limit.bytes) {
            await page.invokeMethodAsync("UploadDone", file.name, false, limit.tooLarge, "");
            continue;
        }
        const url = `${uploadUrl}?path=${encodeURIComponent(folder)}&name=${encodeURIComponent(file.name)}`;
        await page.invokeMethodAsync("UploadProgress", file.name, 0, file.size);
        const result = await send(url, file, "application/octet-stream", token,
            (loaded, total) => page.invokeMethodAsync("UploadProgress", file.name, loaded, total), () => { });
        let ok = false, message = problemText(result), cli = "";
        try { const body = JSON.parse(result.text); ok = result.status === 200 && body.results.every(r => r.ok); message = body.summary; cli = body.cli; } catch { }
        await page.invokeMethodAsync("UploadDone", file.name, ok, message, cli);
    }
}

export function dropzone(zoneId, inputId, uploadUrl, page, limit) {
    const zone = document.getElementById(zoneId);
    const input = document.getElementById(inputId);
    if (!zone || zone.dataset.wired) return;
    zone.dataset.wired = "1";
    const folder = () => zone.dataset.folder;
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
        e.preventDefault();
        zone.classList.remove("over");
        uploadFiles(uploadUrl, folder(), [...e.dataTransfer.files], page, limit);
    });
    input.addEventListener("change", () => {
        const files = [...input.files];
        input.value = "";
        uploadFiles(uploadUrl, folder(), files, page, limit);
    });
}

// ---- Dockerfile highlighting: a <pre> behind a transparent-text <textarea>, re-drawn on input ----

const instructions = new Set(["FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "AS"]);

function token(parent, cls, text) {
    if (!text) return;
    if (!cls) { parent.appendChild(document.createTextNode(text)); return; }
    const span = document.createElement("span");
    span.className = cls;
    span.textContent = text;
    parent.appendChild(span);
}

export function highlightLine(parent, line, continued) {
    if (!continued && /^\s*#/.test(line)) { token(parent, "df-comment", line); return; }
    let rest = line;
    if (!continued) {
        const m = /^(\s*)([A-Za-z]+)(\s|$)/.exec(line);
        if (m && instructions.has(m[2].toUpperCase())) {
            token(parent, null, m[1]);
            token(parent, "df-keyword", m[2]);
            rest = line.substring(m[1].length + m[2].length);
        }
    }
    const parts = rest.split(/("(?:[^"\\]|\\.)*"?|\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*|--[a-z-]+=?|\s(?:AS|as)\s)/);
    for (const part of parts) {
        if (!part) continue;
        if (part.startsWith("\"")) token(parent, "df-string", part);
        else if (part.startsWith("$")) token(parent, "df-variable", part);
        else if (part.startsWith("--")) token(parent, "df-flag", part);
        else if (/^\s(AS|as)\s$/.test(part)) token(parent, "df-keyword", part);
        else token(parent, null, part);
    }
}

export function highlighter(textareaId, preId) {
    const area = document.getElementById(textareaId);
    const pre = document.getElementById(preId);
    if (!area || !pre || area.dataset.wired) return;
    area.dataset.wired = "1";
    const draw = () => {
        pre.textContent = "";
        let continued = false;
        for (const line of area.value.split("\n")) {
            const div = document.createElement("div");
            highlightLine(div, line, continued);
            if (line.length === 0) div.appendChild(document.createTextNode("\u200b"));
            pre.appendChild(div);
            continued = /\\\s*$/.test(line);
        }
        pre.scrollTop = area.scrollTop;
        pre.scrollLeft = area.scrollLeft;
    };
    area.addEventListener("input", draw);
    area.addEventListener("scroll", () => { pre.scrollTop = area.scrollTop; pre.scrollLeft = area.scrollLeft; });
    area.addEventListener("keydown", (e) => {
        if (e.key === "Tab") { e.preventDefault(); area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end"); draw(); }
    });
    draw();
}
