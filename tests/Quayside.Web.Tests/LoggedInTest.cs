namespace Quayside.Web.Tests;

/// <summary>A fresh app for each test and a client logged in to it.</summary>
public abstract class LoggedInTest : IAsyncLifetime
{
    protected QuaysideFactory App { get; } = new();
    protected HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync() => Client = await App.CreateLoggedInClientAsync();

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A GET that must succeed, as JSON; a failure names the address, the status and the body.</summary>
    protected async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
