using Quayside.Engine.Registries;
using static Quayside.Engine.Tests.Security.HostileRegistry;

namespace Quayside.Engine.Tests.Security;

/// <summary>
/// A registry names addresses in its answers (the next-page Link, the Bearer realm). A hostile one names another
/// address to collect the saved password: both the registry and "the other address" are loopback servers here.
/// </summary>
public sealed class RegistryAddressAttackTests : IDisposable
{
    private const string User = "alice", Password = "s3cret";
    private static readonly string AliceBasic = "Basic " + Convert.ToBase64String("alice:s3cret"u8.ToArray());
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(60));

    private RegistryClient Client(HostileRegistry registry) =>
        new(_http, registry.BaseUri, new RegistryAuth(registry.BaseUri.Authority, User, Password));

    [Fact]
    public async Task A_next_page_link_to_another_address_is_refused_and_that_address_never_sees_the_password()
    {
        using var elsewhere = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"tags":["stolen"]}"""));
        using var registry = new HostileRegistry(ctx => ctx.Request.Headers["Authorization"] == AliceBasic
            ? JsonAsync(ctx, 200, """{"name":"team/app","tags":["1.0"]}""",
                ("Link", $"<{elsewhere.BaseUri}v2/team/app/tags/list?last=1.0&n=1000>; rel=\"next\""))
            : JsonAsync(ctx, 401, """{"errors":[{"code":"UNAUTHORIZED"}]}""", ("WWW-Authenticate", "Basic realm=\"registry\"")));

        var e = await Assert.ThrowsAsync<RegistryException>(() => Client(registry).TagsAsync("team/app", _bound.Token));

        Assert.StartsWith($"The registry {registry.BaseUri.Authority} sent a next-page link to another port ({elsewhere.BaseUri.Authority}); " +
            "Quayside follows only links on the registry's own address.", e.Message);
        Assert.Equal(0, elsewhere.Count);
    }

    [Fact]
    public async Task A_token_service_on_another_address_over_plain_http_never_sees_the_password()
    {
        using var tokens = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"token":"t"}"""));
        using var registry = new HostileRegistry(ctx => JsonAsync(ctx, 401, """{"errors":[{"code":"UNAUTHORIZED"}]}""",
            ("WWW-Authenticate", $"Bearer realm=\"{tokens.BaseUri}token\",service=\"registry\"")));

        var e = await Assert.ThrowsAsync<RegistryException>(() => Client(registry).TagsAsync("team/app", _bound.Token));

        Assert.Contains($"sends Quayside for a token to another port ({tokens.BaseUri.Authority}) over plain http", e.Message);
        Assert.Contains("sends the saved credentials over plain http only to the registry's own address", e.Message);
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public async Task A_redirect_to_another_address_carries_no_password()
    {
        // Registries may redirect blob downloads to storage elsewhere; HttpClient drops the Authorization header on
        // a redirect, which this guards in case the client's handler is ever changed.
        using var storage = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"os":"linux","architecture":"amd64"}"""));
        using var registry = new HostileRegistry(ctx =>
        {
            if (ctx.Request.Headers["Authorization"] != AliceBasic)
                return JsonAsync(ctx, 401, "{}", ("WWW-Authenticate", "Basic realm=\"registry\""));
            if (ctx.Request.Url!.AbsolutePath.Contains("/blobs/"))
                return JsonAsync(ctx, 307, "", ("Location", $"{storage.BaseUri}blob"));
            return JsonAsync(ctx, 200, """{"schemaVersion":2,"config":{"digest":"sha256:c0"},"layers":[]}""");
        });

        var row = Assert.Single(await Client(registry).TagPlatformsAsync("team/app", "1.0", _bound.Token));

        Assert.Equal("linux/amd64", row.Platform);
        Assert.Null(Assert.Single(storage.Requests).Authorization);
    }

    [Fact]
    public async Task Without_saved_credentials_a_token_service_on_another_loopback_port_still_works()
    {
        using var tokens = new HostileRegistry(ctx => JsonAsync(ctx, 200, """{"token":"anon"}"""));
        using var registry = new HostileRegistry(ctx => ctx.Request.Headers["Authorization"] == "Bearer anon"
            ? JsonAsync(ctx, 200, """{"name":"team/app","tags":["1.0"]}""")
            : JsonAsync(ctx, 401, "{}", ("WWW-Authenticate", $"Bearer realm=\"{tokens.BaseUri}token\",service=\"registry\"")));

        Assert.Equal(["1.0"], await new RegistryClient(_http, registry.BaseUri, null).TagsAsync("team/app", _bound.Token));
        Assert.Null(Assert.Single(tokens.Requests).Authorization);
    }

    public void Dispose()
    {
        _http.Dispose();
        _bound.Dispose();
    }
}
