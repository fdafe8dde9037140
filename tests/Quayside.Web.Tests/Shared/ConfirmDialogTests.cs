using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Tests.Shared;

/// <summary>The dialog runs what the page asked about: the page shows it under way and then its outcome, with no handler of its own.</summary>
public sealed class ConfirmDialogTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public ConfirmDialogTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddFluentUIComponents();
    }

    [Fact]
    public async Task Confirming_closes_the_dialog_and_the_page_shows_the_action_under_way_then_done_once()
    {
        var page = _ctx.Render<AskingPage>();
        page.Find("[data-testid=ask]").Click();
        Assert.Contains("x goes.", page.Find("[data-testid=confirm-dialog]").TextContent);

        page.Find("[data-testid=confirm-button]").Click();
        Assert.Empty(page.FindAll("[data-testid=confirm-dialog]"));
        Assert.Equal("Removing x…", page.Find("[data-testid=said]").TextContent);

        await page.InvokeAsync(() => page.Instance.Engine.SetResult());
        page.WaitForAssertion(() => Assert.Equal("Removed x.", page.Find("[data-testid=said]").TextContent));
        Assert.Equal(1, page.Instance.Runs);
    }

    [Fact]
    public void Cancelling_closes_the_dialog_and_runs_nothing()
    {
        var page = _ctx.Render<AskingPage>();
        page.Find("[data-testid=ask]").Click();
        page.Find("[data-testid=confirm-dialog] .buttons fluent-button").Click(); // Cancel

        Assert.Empty(page.FindAll("[data-testid=confirm-dialog]"));
        Assert.Equal("", page.Find("[data-testid=said]").TextContent);
        Assert.Equal(0, page.Instance.Runs);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    /// <summary>A page asking as the real ones do: the dialog bound to its request, what to run inside the request.</summary>
    private sealed class AskingPage : ComponentBase
    {
        private ConfirmRequest? _confirm;
        private string _said = "";

        public TaskCompletionSource Engine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs { get; private set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "ask");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, Ask));
            builder.CloseElement();
            builder.OpenElement(3, "p");
            builder.AddAttribute(4, "data-testid", "said");
            builder.AddContent(5, _said);
            builder.CloseElement();
            builder.OpenComponent<ConfirmDialog>(6);
            builder.AddComponentParameter(7, nameof(ConfirmDialog.Request), _confirm);
            builder.AddComponentParameter(8, nameof(ConfirmDialog.RequestChanged), EventCallback.Factory.Create<ConfirmRequest?>(this, r => _confirm = r));
            builder.CloseComponent();
        }

        private void Ask() => _confirm = new ConfirmRequest("Remove x?", "x goes.", ["x"], "Remove", async () =>
        {
            Runs++;
            _said = "Removing x…";
            await Engine.Task;
            _said = "Removed x.";
        });
    }
}
