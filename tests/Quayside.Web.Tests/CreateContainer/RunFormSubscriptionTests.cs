using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Engine.Model;
using Quayside.TestSupport;
using Quayside.Web.CreateContainer;
using CreatePage = Quayside.Web.CreateContainer.CreateContainer;

namespace Quayside.Web.Tests.CreateContainer;

/// <summary>Each visit to the create form and to Duplicate/Edit leaves the app-wide model with no more listeners than before.</summary>
public sealed class RunFormSubscriptionTests : IAsyncLifetime
{
    private readonly QuaysideFactory _app = new();
    private readonly string _source = LabContainers.UniqueName("leak");

    public Task InitializeAsync() => LabContainers.RunSleeperAsync(_source);

    [Fact]
    public async Task Twenty_visits_to_the_create_and_duplicate_forms_leave_no_listener_on_the_model()
    {
        var model = _app.Services.GetRequiredService<HostModel>();
        Assert.True(await model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(10)));
        var before = model.ChangedListenerCount;

        for (var visit = 0; visit < 20; visit++)
        {
            await VisitAsync<CreatePage>(model, before, _ => { }, page => page.WaitForElement(".preview", TimeSpan.FromSeconds(10)));
            await VisitAsync<DuplicateContainer>(model, before, p => p.Add(c => c.Id, _source),
                page => page.WaitForAssertion(() => Assert.Contains(LabContainers.BusyboxImage, page.Markup), TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(before, model.ChangedListenerCount);
    }

    /// <summary>Opens the page as a visit does (its own circuit), waits until it shows its data, then leaves it.</summary>
    private async Task VisitAsync<TPage>(HostModel model, int before, Action<ComponentParameterCollectionBuilder<TPage>> parameters,
        Action<IRenderedComponent<TPage>> shown) where TPage : IComponent
    {
        using var scope = _app.Services.CreateScope();
        await using var circuit = new BunitContext();
        circuit.JSInterop.Mode = JSRuntimeMode.Loose;
        circuit.Services.AddFluentUIComponents();
        circuit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        var page = circuit.Render(parameters);
        shown(page);
        Assert.True(model.ChangedListenerCount > before, "an open form listens to the model");
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_source);
        await _app.DisposeAsync();
    }
}
