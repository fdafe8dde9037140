using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.FluentUI.AspNetCore.Components;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Inspect;
using Quayside.Engine.Model;
using Quayside.Engine.Stats;
using Quayside.Web.Components.Shared;
using Quayside.Web.Containers;

namespace Quayside.Web.Tests;

/// <summary>A bUnit context whose pages see a host model running on a real engine (or on a socket that is not there).</summary>
public sealed class PageTestContext : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public PageTestContext(string? dockerHost = null)
    {
        Model = new HostModel(new EngineClient(EngineEndpoint.Parse(dockerHost)));
        _run = Model.RunAsync(_stop.Token);
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose; // Fluent UI's components call into JS freely
        Bunit.Services.AddFluentUIComponents();
        Bunit.Services.AddSingleton(Model);
        Bunit.Services.AddSingleton(new ContainerActions(Model));
        Bunit.Services.AddSingleton(new ImageActions(Model));
        Bunit.Services.AddSingleton(new Inspector(Model.Client));
        Bunit.Services.AddSingleton(new StatsHub(Model.Client));
        Bunit.Services.AddSingleton(SelfContainer.None);
        Bunit.Services.AddSingleton(new ContainerUpdate(Model));
        Bunit.Services.AddSingleton(new ContainerWait(Model)); // every container page's header offers docker wait
        Bunit.Services.AddSingleton(new StatusClock(TimeProvider.System, NullLogger<StatusClock>.Instance));
    }

    public BunitContext Bunit { get; } = new();

    public HostModel Model { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await Bunit.DisposeAsync();
        Model.Client.Dispose();
    }
}
