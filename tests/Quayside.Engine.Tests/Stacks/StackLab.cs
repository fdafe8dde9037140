using Quayside.Engine.Hosts;
using Quayside.Engine.Model;
using Quayside.Engine.Stacks;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Stacks;

/// <summary>The live model of the local engine with a stacks service over a data folder of its own.</summary>
public sealed class StackLab : IAsyncLifetime
{
    private readonly LiveModelFixture _live = new();

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("quayside-stacks-").FullName;
    public HostModel Model => _live.Model;
    public EngineHost Host { get; private set; } = null!;
    public StackOperations Stacks { get; private set; } = null!;

    /// <summary>The health gate as the tests use it: 2 s for a service without a health check, 40 s for one with.</summary>
    public static readonly HealthGateOptions Gate = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(40));

    public static ApplyOptions By(string who = "tester", bool gate = true) => new(who, gate, Gate);

    public async Task InitializeAsync()
    {
        await _live.InitializeAsync();
        Host = new EngineHost(EngineHost.DefaultName, Model);
        Stacks = new StackOperations(Host, new StackSettings(DataRoot, new LabStacks.ReversingProtector()));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _live.DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }

    /// <summary>A stack kept in the data folder with its compose file written and nothing run: for checks that need no container.</summary>
    public string Kept(string name, string compose)
    {
        var path = ComposePath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, compose);
        return path;
    }

    public string ComposePath(string name) => Stacks.Locator.Managed(name).ComposeFiles[0];

    public string EnvPath(string name) => Stacks.Locator.Managed(name).EnvFile;

    public async Task<int> WebPortAsync(string name)
    {
        int? port = null;
        await EngineWait.UntilAsync(() => (port = StackIndex.ContainersOf(Model, name, "web").FirstOrDefault()?.Ports
            .FirstOrDefault(p => p.PublicPort is not null)?.PublicPort) is not null, TimeSpan.FromSeconds(10));
        return port ?? throw new InvalidOperationException($"web of {name} publishes no port");
    }
}
