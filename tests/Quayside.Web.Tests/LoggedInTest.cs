namespace Quayside.Web.Tests;

/// <summary>A fresh app for each test and a client logged in to it.</summary>
public abstract class LoggedInTest : IAsyncLifetime
{
    protected QuaysideFactory App { get; } = new();
    protected HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync() => Client = await App.CreateLoggedInClientAsync();

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
