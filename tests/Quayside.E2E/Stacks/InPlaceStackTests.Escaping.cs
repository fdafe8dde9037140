namespace Quayside.E2E.Stacks;

public sealed partial class InPlaceStackTests
{
    [Fact]
    public async Task Markup_in_a_label_value_is_shown_as_text_in_the_editor_and_the_review()
    {
        var dialogs = new List<string>();
        Page.Dialog += (_, d) =>
        {
            dialogs.Add(d.Message);
            _ = d.DismissAsync();
        };
        await OpenStackAsync(stack.Name, "files");
        var before = await File.ReadAllTextAsync(stack.File);
        await Expect(FileText(stack.File)).ToHaveValueAsync(before);
        Assert.Contains(InPlaceStack.Markup, before);

        await FileText(stack.File).FillAsync(before.Replace("alert(1)", "alert(2)", StringComparison.Ordinal));
        await Page.Locator("[data-testid=review]").ClickAsync();

        var removed = Page.Locator("[data-testid=diff-line][data-kind=removed]");
        await Expect(removed.First).ToContainTextAsync(InPlaceStack.Markup, new() { Timeout = 30_000 });
        // Both the file's diff and the effective configuration's show the label's old and new values.
        await Expect(removed).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-testid=diff-line][data-kind=added]").Last).ToContainTextAsync("<img src=x onerror=alert(2)>");
        await Expect(Page.Locator("main img")).ToHaveCountAsync(0);
        Assert.Empty(dialogs);
        Assert.Equal(before, await File.ReadAllTextAsync(stack.File));
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("<img src=x onerror=window.hit=1>")]
    public async Task A_stack_name_in_the_address_is_shown_as_text(string name)
    {
        await LoginAsync(Page, "/stacks");
        await Page.GotoAsync("/stacks/" + Uri.EscapeDataString(name));
        await Expect(Page.Locator("[data-testid=stack-missing]")).ToContainTextAsync($"There is no compose project named {name} on this host.");
        await Expect(Page.Locator("[data-testid=stack-name]")).ToHaveTextAsync(name);
        await Expect(Page.Locator("main img, main script")).ToHaveCountAsync(0);
        Assert.False(await Page.EvaluateAsync<bool>("() => window.hit === 1"));
    }
}
