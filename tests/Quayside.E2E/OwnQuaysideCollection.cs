namespace Quayside.E2E;

/// <summary>
/// Tests that start a Quayside of their own in a container of the deploy image and need nothing of
/// <see cref="E2ECollection"/>'s app: they run beside it (xunit.runner.json lets two collections run at once). They spend
/// most of their time waiting for builds and start-ups, and what they make (containers, volumes, networks, ports) is their
/// own, so nothing the other tests look at changes under them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OwnQuaysideCollection : ICollectionFixture<TestBrowser>
{
    public const string Name = "A Quayside of their own";
}
