using Quayside.Engine.Connection;
using Quayside.Engine.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Hosts;

[CollectionDefinition(Name)]
public sealed class LabEngineCollection : ICollectionFixture<LabEngineFixture>
{
    public const string Name = "Lab engines";
}

/// <summary>A live host model on each lab engine (TLS, SSH, plain TCP), shared by the tests of the collection.</summary>
public sealed class LabEngineFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];

    public Dictionary<string, HostModel> Models { get; } = [];

    public HostModel this[string transport] => Models[transport];

    public async Task InitializeAsync()
    {
        await LabEngines.EnsureAsync();
        Models["tls"] = new HostModel(new EngineClient(LabEngines.TlsEndpoint()));
        Models["ssh"] = new HostModel(new EngineClient(await LabEngines.SshEndpointAsync()));
        Models["tcp"] = new HostModel(new EngineClient(LabEngines.TcpEndpoint));
        foreach (var (name, model) in Models)
            _runs.Add(model.RunAsync(_stop.Token));
        foreach (var (name, model) in Models)
            Assert.True(await model.WaitForFirstLoadAsync(TimeSpan.FromSeconds(60)), $"The {name} lab engine did not load: {model.Status.Problem}");
    }

    public static string Node(string transport) => transport switch
    {
        "tls" => LabEngines.TlsContainer,
        "ssh" => LabEngines.SshContainer,
        _ => LabEngines.TcpContainer,
    };

    /// <summary>Runs the docker CLI inside a lab engine's node, against that engine.</summary>
    public static Task<string> DockerOnAsync(string transport, params string[] args) =>
        DockerCommand.OkAsync(["exec", Node(transport), "docker", .. args]);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        foreach (var model in Models.Values)
            model.Client.Dispose();
    }
}
