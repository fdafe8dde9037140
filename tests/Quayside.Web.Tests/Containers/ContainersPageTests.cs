using AngleSharp.Dom;
using Bunit;
using Quayside.TestSupport;
using Quayside.Web.Containers;
using ContainersPage = Quayside.Web.Containers.Containers;

namespace Quayside.Web.Tests.Containers;

public class ContainersPageTests : IAsyncLifetime
{
    private readonly PageTestContext _ctx = new();
    private readonly List<string> _made = [];

    public async Task InitializeAsync() => Assert.True(await _ctx.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));

    /// <summary>
    /// Finds and triggers in one dispatcher turn; the page re-renders whenever the live engine changes (other tests run
    /// beside this one), which re-creates its handlers, so a trigger that met a just-replaced handler is tried again.
    /// </summary>
    internal static async Task TriggerAsync(IRenderedComponent<ContainersPage> page, Action trigger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.InvokeAsync(trigger);
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 10)
            {
                await Task.Delay(100); // let the pending render land in the DOM before finding again
            }
        }
    }

    internal static IElement? Row(IRenderedComponent<ContainersPage> page, string name) =>
        page.FindAll("tr[data-testid=container-row]").FirstOrDefault(r => r.GetAttribute("data-name") == name);

    /// <summary>A running sleeper of this test, and the page searched down to its row, shown running (its menu then offers kill).</summary>
    private async Task<(string Name, IRenderedComponent<ContainersPage> Page)> RenderWithSleeperAsync(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name);
        var page = _ctx.Bunit.Render<ContainersPage>();
        await TriggerAsync(page, () => page.Find("[data-testid=search]").Input(name));
        page.WaitForAssertion(() => Assert.Equal("running", Row(page, name)?.GetAttribute("data-state")), TimeSpan.FromSeconds(2));
        return (name, page);
    }

    [Fact]
    public async Task A_container_started_from_the_cli_appears_with_its_state_and_leaves_when_removed()
    {
        var name = LabContainers.UniqueName("bunit");
        _made.Add(name);
        var page = _ctx.Bunit.Render<ContainersPage>();
        await TriggerAsync(page, () => page.Find("[data-testid=search]").Input(name));
        await TriggerAsync(page, () => page.Find("[data-testid=column-command]").Change(true));

        await LabContainers.RunSleeperAsync(name);
        page.WaitForAssertion(() => Assert.Equal("running", Row(page, name)?.GetAttribute("data-state")), TimeSpan.FromSeconds(2));
        Assert.Contains(LabContainers.BusyboxImage, Row(page, name)!.TextContent);
        Assert.Contains("sleep 100000", Row(page, name)!.TextContent);

        await DockerCommand.OkAsync("rm", "-f", name);
        page.WaitForAssertion(() => Assert.Null(Row(page, name)), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Labels_holding_markup_are_shown_as_text()
    {
        var name = LabContainers.UniqueName("bunit-xss");
        _made.Add(name);
        await LabContainers.CreateAsync(name, "--label", "evil=<script>window.pwned=1</script><img src=x onerror=alert(1)>");
        var page = _ctx.Bunit.Render<ContainersPage>();
        await TriggerAsync(page, () => page.Find("[data-testid=search]").Input(name));
        page.WaitForAssertion(() => Assert.NotNull(Row(page, name)), TimeSpan.FromSeconds(2));
        await TriggerAsync(page, () => page.Find("[data-testid=column-labels]").Change(true));
        await TriggerAsync(page, () => Row(page, name)!.QuerySelector("td.labels button")!.Click());

        var labels = page.Find("[data-testid=labels]");
        Assert.Contains("<script>window.pwned=1</script><img src=x onerror=alert(1)>", labels.TextContent);
        Assert.Empty(labels.QuerySelectorAll("script, img"));
    }

    [Fact]
    public async Task The_cli_line_follows_the_filters()
    {
        var page = _ctx.Bunit.Render<ContainersPage>();
        string Line() => page.Find("[data-testid=list-cli] .command").TextContent;
        Assert.Equal("docker ps -a", Line());
        await TriggerAsync(page, () => page.Find("[data-testid=state-running]").Change(true));
        await TriggerAsync(page, () => page.Find("[data-testid=filter-label]").Input("tier=front end"));
        page.WaitForAssertion(() => Assert.Equal("docker ps -a --filter status=running --filter label=tier=front --filter label=end", Line()));
        await TriggerAsync(page, () => page.Find("[data-testid=filter-label]").Input("tier=front"));
        await TriggerAsync(page, () => page.Find("[data-testid=filter-name]").Input("^web"));
        page.WaitForAssertion(() => Assert.Equal("docker ps -a --filter status=running --filter 'name=^web' --filter label=tier=front", Line()));
    }

    [Fact]
    public async Task A_bad_name_filter_explains_itself()
    {
        var page = _ctx.Bunit.Render<ContainersPage>();
        await TriggerAsync(page, () => page.Find("[data-testid=filter-name]").Input("(["));
        Assert.Contains("is not a valid regular expression", page.Find("[data-testid=filter-error]").TextContent);
    }

    [Fact]
    public async Task Remove_asks_first_listing_the_container_and_the_command()
    {
        var (name, page) = await RenderWithSleeperAsync("bunit-rm");

        await TriggerAsync(page, () => Row(page, name)!.QuerySelector("[data-testid=row-remove]")!.Click());
        var dialog = page.Find("[data-testid=confirm-dialog]");
        Assert.Contains($"{name} (running)", dialog.QuerySelector("[data-testid=confirm-items]")!.TextContent);
        // A running container can only go with force, so force starts ticked and the command says so.
        Assert.Equal($"docker rm -f {name}", dialog.QuerySelector("[data-testid=confirm-cli] .command")!.TextContent);
        Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    [Fact]
    public async Task Kill_shows_its_line_before_asking_and_the_outcome_reports_that_same_line()
    {
        var (name, page) = await RenderWithSleeperAsync("bunit-kill");

        await TriggerAsync(page, () => Row(page, name)!.QuerySelector("[data-testid=row-kill]")!.Click());
        var shown = page.Find("[data-testid=confirm-cli] .command").TextContent;
        Assert.Equal($"docker kill -s SIGKILL {name}", shown);
        await TriggerAsync(page, () => page.Find("[data-testid=confirm-button]").Click());

        page.WaitForAssertion(() => Assert.Equal(shown, page.Find("[data-testid=outcome-cli] .command").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("137", await DockerCommand.InspectAsync(name, "{{.State.ExitCode}}"));
    }

    [Fact]
    public async Task A_signal_that_is_not_one_is_refused_once_in_words_without_asking()
    {
        var (name, page) = await RenderWithSleeperAsync("bunit-badsig");

        await TriggerAsync(page, () => page.Find("[data-testid=kill-signal]").Change("sig term"));
        await TriggerAsync(page, () => Row(page, name)!.QuerySelector("[data-testid=row-kill]")!.Click());

        Assert.Empty(page.FindAll("[data-testid=confirm-dialog]"));
        var outcome = page.Find("[data-testid=outcome]");
        var sentence = Quayside.Engine.Actions.InputRules.Signal("sig term")!;
        Assert.Equal(2, outcome.TextContent.Split(sentence).Length); // the sentence, once
        Assert.Equal(Quayside.Engine.Cli.DockerCli.Kill([name], "sig term"), page.Find("[data-testid=outcome-cli] .command").TextContent);
        Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    private static string[] Headers(IRenderedComponent<ContainersPage> page) =>
        [.. page.FindAll("[data-testid=containers-table] thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0)];

    [Fact]
    public async Task Columns_chosen_earlier_in_this_browser_are_the_ones_shown_and_a_change_is_saved()
    {
        _ctx.Bunit.JSInterop.Setup<string?>("quayside.loadSetting", ContainerColumns.StorageKey).SetResult("id,labels");
        var page = _ctx.Bunit.Render<ContainersPage>();
        page.WaitForAssertion(() => Assert.Equal(["Details", "Name ▲", "ID", "State", "Labels", "Actions"], Headers(page)));

        await TriggerAsync(page, () => page.Find("[data-testid=column-ports]").Change(true));
        Assert.Equal(["Details", "Name ▲", "ID", "State", "Ports", "Labels", "Actions"], Headers(page));
        var save = _ctx.Bunit.JSInterop.VerifyInvoke("quayside.saveSetting");
        Assert.Equal([ContainerColumns.StorageKey, "id,ports,labels"], save.Arguments);
    }

    [Fact]
    public void With_nothing_saved_the_table_shows_the_default_columns_that_fit_1280_pixels()
    {
        var page = _ctx.Bunit.Render<ContainersPage>();
        Assert.Equal(["Details", "Name ▲", "Image", "State", "Created", "Ports", "Actions"], Headers(page));
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        await _ctx.DisposeAsync();
    }
}
