// Small helpers the Blazor pages call through JS interop.
window.quayside = {
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
        } catch {
            // Clipboard API needs a secure context; fall back for plain-HTTP LAN use.
            const area = document.createElement("textarea");
            area.value = text;
            document.body.appendChild(area);
            area.select();
            document.execCommand("copy");
            area.remove();
        }
    }
};
// Brings an element (a search match) into view without touching its content.
window.quayside.scrollIntoView = function (id) {
    const el = document.getElementById(id);
    if (el) el.scrollIntoView({ block: "center" });
};
// Whether this browser tab is in the background (views that poll skip their reads then).
window.quayside.isHidden = function () {
    return document.hidden;
};
// A choice remembered in this browser (localStorage can be off or full: then nothing is remembered).
window.quayside.loadSetting = function (key) {
    try { return localStorage.getItem(key); } catch { return null; }
};
window.quayside.saveSetting = function (key, value) {
    try { localStorage.setItem(key, value); } catch { }
};
