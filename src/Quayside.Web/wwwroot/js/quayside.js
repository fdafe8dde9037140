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
// The top bar's menu on narrow windows: plain script, so it works before the Blazor circuit has started. Choosing a
// section closes it.
document.addEventListener("click", function (e) {
    const button = e.target.closest && e.target.closest(".menu-button");
    if (button) {
        button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
        return;
    }
    if (e.target.closest && e.target.closest("#topbar-menu a")) {
        document.querySelectorAll(".menu-button[aria-expanded=true]").forEach(b => b.setAttribute("aria-expanded", "false"));
    }
});
// A choice remembered in this browser (localStorage can be off or full: then nothing is remembered).
window.quayside.loadSetting = function (key) {
    try { return localStorage.getItem(key); } catch { return null; }
};
window.quayside.saveSetting = function (key, value) {
    try { localStorage.setItem(key, value); } catch { }
};
