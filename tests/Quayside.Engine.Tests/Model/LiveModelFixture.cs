using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Tests.Model;

/// <summary>A host model connected to the real engine for the duration of a test class.</summary>
public sealed class LiveModelFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public HostModel Model { get; } = new(new EngineClient(EngineEndpoint.FromEnvironment()));

    public async Task InitializeAsync()
    {
        _run = Model.RunAsync(_stop.Token);
        var loaded = await Task.WhenAny(Model.FirstLoad, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(loaded == Model.FirstLoad, $"The engine did not load: {Model.Status.Problem}");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
            await _run;
        Model.Client.Dispose();
    }
}
