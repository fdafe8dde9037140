namespace Quayside.Web.Tests;

/// <summary>
/// The build, archive and files APIs through the real app on the real engine: builds, tars and files stream through the
/// dashboard. The images and containers a test made are removed at the end.
/// </summary>
public abstract class ImageLabApiTest : LoggedInTest
{
    private const string TestLabels = "{\"quayside.test\":\"1\"}";
    private readonly List<string> _images = [];
    private readonly List<string> _containers = [];

    protected string NewImage(string prefix) => Track(_images, $"qt-i9-api-{prefix}:{Guid.NewGuid().ToString("N")[..8]}");

    private static string Track(List<string> list, string name)
    {
        list.Add(name);
        return name;
    }

    protected async Task<string> RunningAsync()
    {
        var name = Track(_containers, LabContainers.UniqueName("i9-api"));
        await LabContainers.RunSleeperAsync(name);
        await DockerCommand.OkAsync("exec", name, "mkdir", "-p", "/srv");
        // The API finds containers in the live model.
        Assert.True(await EngineWait.UntilAsync(async () =>
            (await Client.GetAsync($"/api/containers/{name}/files?path=/")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5)));
        return name;
    }

    protected static async Task<List<JsonElement>> LinesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    protected Task<HttpResponseMessage> BuildAsync(string tag, string dockerfile, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(dockerfile), "dockerfile" } };
        foreach (var (name, text) in files)
            form.Add(new StringContent(text), "files", name);
        return Client.PostAsync($"/api/images/build?t={Uri.EscapeDataString(tag)}&labels={Uri.EscapeDataString(TestLabels)}", form);
    }

    public override async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _containers]);
        foreach (var image in _images)
            await DockerCommand.RunAsync("rmi", "-f", image);
        await base.DisposeAsync();
    }
}
