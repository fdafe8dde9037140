using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// The limits on the real server (Kestrel, on a loopback port): its own 30 MB request default must not be what limits
/// an upload, and its enforcement of the configured limit must read as the same 413 sentence as the app's.
/// </summary>
public sealed class KestrelUploadLimitTests : IAsyncLifetime
{
    private readonly List<QuaysideFactory> _apps = [];
    private readonly string _container = LabContainers.UniqueName("sec-kestrel");

    public async Task InitializeAsync()
    {
        await LabContainers.RunSleeperAsync(_container);
        await DockerCommand.OkAsync("exec", _container, "mkdir", "-p", "/srv");
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        await LabContainers.RemoveAsync(_container);
    }

    private async Task<HttpClient> KestrelClientAsync(Dictionary<string, string> settings)
    {
        settings["QUAYSIDE_URLS"] = "http://127.0.0.1:0";
        var app = new QuaysideFactory(settings: settings);
        _apps.Add(app);
        app.UseKestrel(0);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        // A plain client on the real port, logged in as a browser would be.
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = new Uri(addresses.First()) };
        var login = await QuaysideFactory.PostLoginAsync(client, "admin", QuaysideFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var token = JsonDocument.Parse(await client.GetStringAsync("/api/antiforgery")).RootElement;
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    [Fact]
    public async Task A_file_upload_over_kestrels_30_MB_default_but_under_the_limit_arrives_whole()
    {
        var client = await KestrelClientAsync([]);
        HttpResponseMessage? listing = null;
        Assert.True(await EngineWait.UntilAsync(async () =>
            (listing = await client.GetAsync($"/api/containers/{_container}/files?path=/srv")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10)),
            $"{listing?.StatusCode}: {await listing!.Content.ReadAsStringAsync()}");
        const int size = 40_000_000;

        var response = await client.PostAsync($"/api/containers/{_container}/files/upload?path=/srv&name=big.bin", new ByteArrayContent(new byte[size]));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(size.ToString(), (await DockerCommand.OkAsync("exec", _container, "stat", "-c", "%s", "/srv/big.bin")).Trim());
    }

    [Fact]
    public async Task A_chunked_image_load_over_the_limit_reads_as_413_in_words_on_kestrel()
    {
        var client = await KestrelClientAsync(new() { ["QUAYSIDE_MAX_IMAGE_UPLOAD"] = "1MiB" });
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "layer.tar") { DataStream = new MemoryStream(new byte[4 << 20]) });
        tar.Position = 0;
        var content = new StreamContent(new ForwardOnlyStream(tar));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");

        var response = await client.PostAsync("/api/images/load", content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        var title = JsonDocument.Parse(text).RootElement.GetProperty("title").GetString();
        Assert.Contains("larger than 1 MiB", title);
        Assert.Contains("QUAYSIDE_MAX_IMAGE_UPLOAD", title);
    }
}
