using System.Net;
using Quayside.Engine.Registries;

namespace Quayside.Engine.Tests.Security;

/// <summary>
/// The rules for registries on the network (not loopback). Nothing here contacts such an address: the rules are decided
/// without connecting, and the client tests use an in-memory handler that answers as the registry would.
/// </summary>
public sealed class RegistryNetworkRulesTests
{
    private static readonly Uri Lan = new("http://10.1.2.3:5000/");

    [Fact]
    public void A_next_page_link_to_another_host_is_refused_in_words()
    {
        var e = Assert.Throws<RegistryException>(() => RegistryUrlRules.NextPage(new Uri("http://10.0.0.5:5000/"),
            new Uri("http://10.0.0.5:5000/v2/_catalog?n=1000"), "https://evil.example/v2/_catalog?last=a&n=1000"));
        Assert.StartsWith("The registry 10.0.0.5:5000 sent a next-page link to another host (evil.example); " +
            "Quayside follows only links on the registry's own address.", e.Message);
    }

    [Theory]
    [InlineData("//evil.example/v2/_catalog", "another host (evil.example)")]
    [InlineData("https://10.0.0.5:5000/v2/_catalog", "another scheme (https://10.0.0.5:5000)")]
    [InlineData("file:///etc/passwd", "a next-page link Quayside cannot read")]
    public void A_next_page_link_to_another_scheme_or_in_another_form_is_refused(string link, string words)
    {
        var registry = new Uri("http://10.0.0.5:5000/");
        var e = Assert.Throws<RegistryException>(() => RegistryUrlRules.NextPage(registry, new Uri(registry, "/v2/_catalog"), link));
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public void A_next_page_link_on_the_registrys_own_address_is_followed()
    {
        var registry = new Uri("https://registry.example/");
        var current = new Uri(registry, "/v2/_catalog?n=1000");
        Assert.Equal(new Uri("https://registry.example/v2/_catalog?last=a&n=1000"), RegistryUrlRules.NextPage(registry, current, "/v2/_catalog?last=a&n=1000"));
        Assert.Equal(new Uri("https://registry.example/v2/_catalog?last=b"), RegistryUrlRules.NextPage(registry, current, "https://REGISTRY.example:443/v2/_catalog?last=b"));
    }

    [Theory]
    [InlineData("http://10.1.2.3:5000/", "http://10.1.2.3:5001/token", false)]
    [InlineData("http://10.1.2.3:5000/", "http://10.1.2.3:5000/token", true)]
    [InlineData("https://10.1.2.3/", "http://10.1.2.3/token", true)]
    [InlineData("http://127.0.0.1:5000/", "http://10.1.2.3/token", false)]
    public void A_token_service_over_plain_http_is_refused_unless_registry_and_service_are_on_this_machine(string registry, string realm, bool withCredentials)
    {
        var e = Assert.Throws<RegistryException>(() => RegistryUrlRules.TokenService(new Uri(registry), realm, withCredentials));
        Assert.Contains("over plain http", e.Message);
        Assert.Contains("Serve the token service over https", e.Message);
    }

    [Theory]
    [InlineData("https://registry.example/", "https://auth.example/token", true)]
    [InlineData("http://10.1.2.3:5000/", "https://auth.example/token", true)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/token", true)]
    [InlineData("http://localhost:5000/", "http://127.0.0.1:5001/token", false)]
    public void A_token_service_over_https_or_on_this_machine_is_used(string registry, string realm, bool withCredentials) =>
        Assert.Equal(new Uri(realm), RegistryUrlRules.TokenService(new Uri(registry), realm, withCredentials));

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/token")]
    [InlineData("gopher://127.0.0.1:5000/token")]
    public void A_token_service_that_is_not_a_web_address_is_refused(string realm)
    {
        var e = Assert.Throws<RegistryException>(() => RegistryUrlRules.TokenService(new Uri("http://127.0.0.1:5000/"), realm, false));
        Assert.Contains("names a token service Quayside cannot use", e.Message);
    }

    [Fact]
    public void A_basic_login_is_sent_over_https_or_to_this_machine_only()
    {
        RegistryUrlRules.CheckBasic(new Uri("https://10.1.2.3/"));
        RegistryUrlRules.CheckBasic(new Uri("http://127.0.0.1:5001/"));
        RegistryUrlRules.CheckBasic(new Uri("http://localhost:5001/"));
        var e = Assert.Throws<RegistryException>(() => RegistryUrlRules.CheckBasic(Lan));
        Assert.StartsWith("The registry 10.1.2.3:5000 asks for the saved password over plain http", e.Message);
    }

    [Fact]
    public async Task A_registry_on_the_network_over_plain_http_never_gets_the_saved_password()
    {
        var registry = new InMemoryRegistry(_ => Unauthorized("Basic realm=\"registry\""));
        using var http = new HttpClient(registry);
        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(http, Lan, new RegistryAuth(Lan.Authority, "alice", "s3cret")).CheckLoginAsync(CancellationToken.None));
        Assert.Contains("asks for the saved password over plain http", e.Message);
        Assert.All(registry.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task A_registry_on_the_network_cannot_send_Quayside_for_a_token_over_plain_http()
    {
        var registry = new InMemoryRegistry(_ => Unauthorized("Bearer realm=\"http://10.1.2.3:5001/token\",service=\"registry\""));
        using var http = new HttpClient(registry);
        var e = await Assert.ThrowsAsync<RegistryException>(() =>
            new RegistryClient(http, Lan, new RegistryAuth(Lan.Authority, "alice", "s3cret")).TagsAsync("team/app", CancellationToken.None));
        Assert.Contains("sends Quayside for a token to 10.1.2.3:5001 over plain http", e.Message);
        Assert.All(registry.Requests, r => Assert.Equal(5000, r.Uri.Port));
    }

    private static HttpResponseMessage Unauthorized(string challenge)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{}") };
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        return response;
    }

    /// <summary>Answers in memory and records what the client asked; it never opens a connection.</summary>
    private sealed class InMemoryRegistry(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(Uri Uri, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            return Task.FromResult(answer(request));
        }
    }
}
