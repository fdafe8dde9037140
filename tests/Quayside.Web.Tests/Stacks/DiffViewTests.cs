using Bunit;
using Quayside.Engine.Stacks;
using Quayside.Web.Stacks;

namespace Quayside.Web.Tests.Stacks;

public sealed class DiffViewTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    private IRenderedComponent<DiffView> Render(string oldText, string newText) =>
        _ctx.Render<DiffView>(p => p.Add(d => d.Result, TextDiff.Compare(oldText, newText)).Add(d => d.Title, "docker-compose.yml"));

    [Fact]
    public void Shows_the_counts_and_each_changed_line_with_its_numbers_and_sign()
    {
        var view = Render("services:\n  web:\n    image: nginx:1.27\n", "services:\n  web:\n    image: nginx:1.28\n    restart: always\n");

        Assert.Equal("2 added, 1 removed", view.Find("[data-testid=diff-counts]").TextContent.Trim());
        Assert.Equal("docker-compose.yml", view.Find("[data-testid=diff-title]").TextContent);
        var rows = view.FindAll("[data-testid=diff-line]")
            .Select(r => (r.GetAttribute("data-kind"), string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))))
            .ToList();
        Assert.Equal(
            [
                ("same", "1|1||services:"),
                ("same", "2|2||web:"),
                ("removed", "3||-removed|image: nginx:1.27"),
                ("added", "|3|+added|image: nginx:1.28"),
                ("added", "|4|+added|restart: always"),
            ],
            rows);
        // The text keeps its indentation.
        Assert.Equal("    image: nginx:1.28", view.FindAll("tr.added .diff-text")[0].TextContent);
        Assert.Empty(view.FindAll("[data-testid=diff-empty]"));
    }

    [Fact]
    public void Identical_texts_show_no_changes_and_no_table()
    {
        var view = Render("a: 1\n", "a: 1\n");

        Assert.Equal("No changes", view.Find("[data-testid=diff-empty]").TextContent);
        Assert.Equal("0 added, 0 removed", view.Find("[data-testid=diff-counts]").TextContent.Trim());
        Assert.Empty(view.FindAll("table"));
    }

    [Fact]
    public void Text_that_looks_like_markup_is_shown_as_text()
    {
        var view = Render("command: echo hi\n", "command: <script>alert(1)</script><b>bold</b>\n");

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("b"));
        Assert.Equal("command: <script>alert(1)</script><b>bold</b>", view.Find("tr.added .diff-text").TextContent);
        Assert.Contains("&lt;script&gt;", view.Markup);
    }

    [Fact]
    public void A_lost_final_newline_is_said_in_words()
    {
        var view = Render("a: 1\n", "a: 1");

        Assert.Equal("no newline at end of file", view.Find("tr.added [data-testid=diff-no-newline]").TextContent);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
