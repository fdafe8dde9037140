using Bunit;
using Microsoft.AspNetCore.Components;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Inspect;

/// <summary>A page test context, and the containers a test made, removed afterwards.</summary>
public abstract class InspectPageTest : IAsyncLifetime
{
    private readonly List<string> _made = [];

    protected PageTestContext Ctx { get; } = new();

    public async Task InitializeAsync() => Assert.True(await Ctx.Model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        await Ctx.DisposeAsync();
    }

    /// <summary>A running lab container, known to the page's model before this returns.</summary>
    protected async Task<string> SleeperAsync(string prefix, params string[] args)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add(name);
        await LabContainers.RunSleeperAsync(name, args);
        Assert.True(await EngineWait.UntilAsync(() => Ctx.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5)));
        return name;
    }

    protected IRenderedComponent<TPage> Render<TPage>(string id) where TPage : IComponent =>
        Ctx.Bunit.Render(builder =>
        {
            builder.OpenComponent<TPage>(0);
            builder.AddAttribute(1, "Id", id);
            builder.CloseComponent();
        }).FindComponent<TPage>();

    /// <summary>
    /// Finds and triggers in one dispatcher turn, again when the live page re-rendered meanwhile (the shell re-renders on
    /// every engine change, which replaces its handlers).
    /// </summary>
    protected static async Task TriggerAsync<TPage>(IRenderedComponent<TPage> page, Action trigger) where TPage : IComponent
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
                await Task.Delay(100);
            }
        }
    }
}
