namespace Quayside.E2E.Deploy;

/// <summary>
/// The tests of Quayside run as a container, beside <see cref="E2ECollection"/> (xunit.runner.json lets two collections
/// run at once): they build their image and spend most of their time waiting for containers to start and become healthy,
/// and each has its own container, volume, network and port, so they disturb nothing the other tests look at.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<QuaysideImage>, ICollectionFixture<TestBrowser>
{
    public const string Name = "Quayside in a container";
}
