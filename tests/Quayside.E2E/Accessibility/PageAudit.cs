using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Quayside.E2E.Accessibility;

/// <summary>
/// axe-core (tests/npm, installed by scripts/test-env.sh) run inside a page for the WCAG 2 A and AA rules, and the
/// page's sideways scroll; each problem as a line a person can act on.
/// </summary>
public static class PageAudit
{
    /// <summary>The three ways a person sees a page: light and dark colour schemes at 1280 px, and a 390 px phone.</summary>
    public enum Layout { Light, Dark, Phone }

    public static BrowserNewContextOptions ContextOptions(Layout layout, string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ColorScheme = layout == Layout.Dark ? ColorScheme.Dark : ColorScheme.Light,
        ViewportSize = layout == Layout.Phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 800 },
        IsMobile = layout == Layout.Phone,
        HasTouch = layout == Layout.Phone,
        // axe is injected as an inline script, which the dashboard's CSP rightly refuses.
        BypassCSP = true,
    };

    /// <summary>
    /// A context in <paramref name="layout"/> whose every page has axe loaded from the start: the browser keeps the
    /// script and runs it in each new document, instead of half a megabyte crossing Playwright's pipes on every audit.
    /// </summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Layout layout, string baseUrl)
    {
        var context = await browser.NewContextAsync(ContextOptions(layout, baseUrl));
        await context.AddInitScriptAsync(AxeScript.Value);
        return context;
    }

    /// <summary>Everything wrong with the page as it is now, each line prefixed with <paramref name="where"/>.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, Layout layout, string where)
    {
        var found = (await AxeViolationsAsync(page)).Concat(await UnlabelledFieldsAsync(page)).ToList();
        if (layout == Layout.Phone && await SidewaysScrollAsync(page) is { } scroll)
            found.Add(scroll);
        return [.. found.Select(f => $"{where}: {f}")];
    }

    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var path = Path.Combine(QuaysideApp.RepoRoot(), "tests", "npm", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run scripts/test-env.sh (it installs tests/npm with npm ci).");
    });

    /// <summary>
    /// Waits until the page's web components are defined and its CSS transitions have ended (at most 2 s): a Fluent button
    /// caught mid-fade has colours it never shows at rest, and axe would judge those. Then waits for the page's title.
    /// </summary>
    private static Task SettledAsync(IPage page) => page.EvaluateAsync(
        """
        async () => {
            const settle = (async () => {
                const pending = [...new Set([...document.querySelectorAll('*')].map(e => e.localName).filter(n => n.includes('-')))]
                    .filter(n => !customElements.get(n) && n.startsWith('fluent-'))
                    .map(n => customElements.whenDefined(n));
                await Promise.all(pending);
                const finite = document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity);
                await Promise.all(finite.map(a => a.finished.catch(() => {})));
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            })();
            await Promise.race([settle, new Promise(r => setTimeout(r, 2000))]);
            // Blazor's head outlet sets the title again when the circuit starts (seen empty in a loaded run): wait up to
            // 10 s for it rather than judge that gap; a page with no title at all still fails.
            for (const end = Date.now() + 10000; !document.title && Date.now() < end;) await new Promise(r => setTimeout(r, 50));
        }
        """);

    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Every WCAG 2 A/AA violation axe finds on the page as it is now, one line per element.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Content = AxeScript.Value });
        await SettledAsync(page);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return r.violations.map(v => ({ id: v.id, help: v.help,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 160), why: n.failureSummary })) }));
            }
            """, WcagTags);
        var lines = new List<string>();
        foreach (var v in json.EnumerateArray())
            foreach (var n in v.GetProperty("nodes").EnumerateArray())
                lines.Add($"{v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): {n.GetProperty("target").GetString()} {n.GetProperty("html").GetString()} :: {n.GetProperty("why").GetString()?.ReplaceLineEndings(" ")}");
        return lines;
    }

    /// <summary>How far the page scrolls sideways beyond the window (0 when it does not), and the widest offenders.</summary>
    public static async Task<string?> SidewaysScrollAsync(IPage page)
    {
        var r = await page.EvaluateAsync<JsonElement>(
            """
            () => {
                const w = document.documentElement.clientWidth;
                const over = document.scrollingElement.scrollWidth - w;
                if (over <= 0) return { over: 0, who: [] };
                const who = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed')
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
                return { over, who };
            }
            """);
        var over = r.GetProperty("over").GetDouble();
        if (over <= 0)
            return null;
        var sb = new StringBuilder($"scrolls {over} px sideways; widest: ");
        sb.AppendJoin(", ", r.GetProperty("who").EnumerateArray().Select(e => e.GetString()));
        return sb.ToString();
    }

    /// <summary>
    /// Visible form fields that only have a placeholder (or nothing) to say what they are: axe accepts a placeholder
    /// as a name, but it disappears as soon as one types. Each needs a label, aria-label or aria-labelledby.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnlabelledFieldsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('input, select, textarea')]
                .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => 'unlabelled field: ' + e.outerHTML.slice(0, 160))
            """);
}
