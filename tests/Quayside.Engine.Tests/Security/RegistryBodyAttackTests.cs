using Quayside.Engine.Registries;
using static Quayside.Engine.Tests.Security.HostileRegistry;

namespace Quayside.Engine.Tests.Security;

/// <summary>
/// A registry (or a server posing as Docker Hub) that sends an answer without end must be refused in words after
/// <see cref="RegistryBody.MaxBytes"/>, without the Quayside server reading (and holding) all of it.
/// </summary>
public sealed class RegistryBodyAttackTests : IDisposable
{
    private const long ReadMoreThanItShould = 64L * 1024 * 1024;
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(60));
    private readonly TaskCompletionSource<long> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task Endless(System.Net.HttpListenerContext ctx, string start) => _sent.TrySetResult(await EndlessAsync(ctx, start));

    [Fact]
    public async Task A_manifest_without_end_is_refused_after_16_MiB()
    {
        using var registry = new HostileRegistry(ctx => Endless(ctx, """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","""));

        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(_http, registry.BaseUri, null).TagPlatformsAsync("team/app", "1.0", _bound.Token));

        Assert.StartsWith($"The registry {registry.BaseUri.Authority} sent more than 16 MiB for the manifest of team/app:1.0; " +
            "Quayside reads at most that much of an answer", e.Message);
        Assert.True(await _sent.Task.WaitAsync(_bound.Token) < ReadMoreThanItShould, "the client kept reading the endless answer");
    }

    [Fact]
    public async Task A_token_answer_without_end_is_refused_after_16_MiB()
    {
        using var tokenRegistry = new HostileRegistry(ctx => ctx.Request.Url!.AbsolutePath == "/token"
            ? Endless(ctx, """{"token":" """)
            : JsonAsync(ctx, 401, "{}", ("WWW-Authenticate", $"Bearer realm=\"http://{ctx.Request.Url.Authority}/token\",service=\"registry\"")));

        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(_http, tokenRegistry.BaseUri, new RegistryAuth(tokenRegistry.BaseUri.Authority, "alice", "s3cret")).TagsAsync("team/app", _bound.Token));

        Assert.StartsWith($"The token service of {tokenRegistry.BaseUri.Authority} ({tokenRegistry.BaseUri.Authority}) sent more than 16 MiB for the token;", e.Message);
        Assert.True(await _sent.Task.WaitAsync(_bound.Token) < ReadMoreThanItShould, "the client kept reading the endless answer");
    }

    [Fact]
    public async Task An_answer_announced_larger_than_16_MiB_is_refused_before_it_arrives()
    {
        using var registry = new HostileRegistry(async ctx =>
        {
            ctx.Response.ContentLength64 = 1L << 30;
            await ctx.Response.OutputStream.WriteAsync("""{"repositories":["""u8.ToArray());
            await Task.Delay(TimeSpan.FromSeconds(60));
            ctx.Response.Abort();
        });

        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(_http, registry.BaseUri, null).SearchCatalogAsync("", _bound.Token));

        Assert.StartsWith($"The registry {registry.BaseUri.Authority} sent more than 16 MiB for the list at /v2/_catalog?n=1000;", e.Message);
    }

    [Fact]
    public async Task A_Docker_Hub_answer_without_end_is_refused_after_16_MiB()
    {
        using var hub = new HostileRegistry(ctx => Endless(ctx, """{"count":1,"results":["""));

        var e = await Assert.ThrowsAsync<RegistryException>(() => new HubClient(_http, hub.BaseUri).SearchAsync("busybox", 1, 25, _bound.Token));

        Assert.StartsWith($"Docker Hub ({hub.BaseUri.Authority}) sent more than 16 MiB for the answer to v2/search/repositories/;", e.Message);
        Assert.True(await _sent.Task.WaitAsync(_bound.Token) < ReadMoreThanItShould, "the client kept reading the endless answer");
    }

    [Fact]
    public async Task A_registry_that_trickles_its_answer_is_cut_off_at_the_client_timeout()
    {
        using var registry = new HostileRegistry(async ctx =>
        {
            ctx.Response.SendChunked = true;
            for (var i = 0; i < 120; i++)
            {
                await ctx.Response.OutputStream.WriteAsync(" "u8.ToArray());
                await ctx.Response.OutputStream.FlushAsync();
                await Task.Delay(500);
            }
            ctx.Response.Close();
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(http, registry.BaseUri, null).TagsAsync("team/app", _bound.Token));

        Assert.Equal($"The registry {registry.BaseUri.Authority} did not finish sending the list at /v2/team/app/tags/list?n=1000 within 2 seconds.", e.Message);
    }

    public void Dispose()
    {
        _http.Dispose();
        _bound.Dispose();
    }
}
