using System.Net;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Tests.Errors;

public class EngineErrorTranslatorRegistriesTests
{
    [Fact]
    public void A_login_the_registry_asks_for_names_where_to_add_it()
    {
        Assert.Equal("The registry 10.0.0.5:5000 requires a login and no credentials are saved for it. Add them on the Registries page.",
            EngineErrorTranslator.RegistryNeedsLogin(Registry));
        Assert.Equal("The registry 10.0.0.5:5000 requires a login (Basic) and no credentials are saved for it. Add them on the Registries page.",
            EngineErrorTranslator.RegistryNeedsLogin(Registry, basic: true));
    }

    [Fact]
    public void Refused_credentials_name_the_user() =>
        Assert.Equal("The registry 10.0.0.5:5000 refused the saved credentials for ann (401 unauthorized). Check the user name and password.",
            EngineErrorTranslator.RegistryRefusedCredentials(Registry, "ann"));

    [Fact]
    public void An_unknown_scheme_is_named() =>
        Assert.Equal("The registry 10.0.0.5:5000 asks for an authentication scheme Quayside does not know (Negotiate).",
            EngineErrorTranslator.RegistryUnknownScheme(Registry, "Negotiate"));

    [Theory]
    [InlineData(401, null, "The token service of 10.0.0.5:5000 refused the credentials (none are saved).")]
    [InlineData(401, "ann", "The token service of 10.0.0.5:5000 refused the credentials for ann.")]
    [InlineData(500, "ann", "The token service of 10.0.0.5:5000 answered 500.")]
    public void The_token_service_refusing(int status, string? user, string expected) =>
        Assert.Equal(expected, EngineErrorTranslator.TokenServiceRefused(Registry, status, user));

    [Fact]
    public void A_token_service_without_a_token() =>
        Assert.Equal("The token service of 10.0.0.5:5000 sent no token.", EngineErrorTranslator.TokenServiceSentNoToken(Registry));

    [Fact]
    public void An_unreachable_or_slow_registry()
    {
        Assert.Equal("The registry at 10.0.0.5:5000 could not be reached (Connection refused). Is the address right and the registry running?",
            EngineErrorTranslator.RegistryUnreachable(Registry, new HttpRequestException("Connection refused.")));
        Assert.Equal("The registry at 10.0.0.5:5000 did not answer in time.", EngineErrorTranslator.RegistryTimedOut(Registry));
    }

    [Theory]
    [InlineData("/v2/app/tags/list", 404, "Not Found", "NAME_UNKNOWN", "The registry 10.0.0.5:5000 has no repository like that (/v2/app/tags/list).")]
    [InlineData("/v2/app/manifests/9", 404, "Not Found", "MANIFEST_UNKNOWN", "The registry 10.0.0.5:5000 has no such tag or digest (/v2/app/manifests/9).")]
    [InlineData("/v2/app/tags/list", 403, "Forbidden", "DENIED", "The registry 10.0.0.5:5000 denied access to /v2/app/tags/list.")]
    [InlineData("/v2/_catalog?n=1000", 405, "Method Not Allowed", "UNSUPPORTED", "The registry 10.0.0.5:5000 does not offer a catalog of its repositories; open a repository by name instead.")]
    [InlineData("/v2/app/tags/list", 405, "Method Not Allowed", "UNSUPPORTED", "The registry 10.0.0.5:5000 answered 405 Method Not Allowed for /v2/app/tags/list (UNSUPPORTED).")]
    [InlineData("/v2/x", 404, "Not Found", "", "The registry 10.0.0.5:5000 has nothing at /v2/x (404).")]
    [InlineData("/v2/x", 502, "Bad Gateway", "", "The registry 10.0.0.5:5000 answered 502 Bad Gateway for /v2/x.")]
    public void A_registry_error_answer_by_its_code_then_its_status(string path, int status, string reason, string code, string expected) =>
        Assert.Equal(expected, EngineErrorTranslator.RegistryFailure(Registry, path, status, reason, code));

    [Fact]
    public void Docker_Hub_unreachable_slow_or_refusing()
    {
        Assert.Equal("Docker Hub (hub.docker.com) could not be reached (Name or service not known). Searching Docker Hub needs Internet access from the Quayside server.",
            EngineErrorTranslator.HubUnreachable("hub.docker.com", new HttpRequestException("Name or service not known")));
        Assert.Equal("Docker Hub (hub.docker.com) did not answer in time.", EngineErrorTranslator.HubTimedOut("hub.docker.com"));
        Assert.Equal("Docker Hub has no such repository (v2/repositories/library/nope/tags).",
            EngineErrorTranslator.HubFailure("v2/repositories/library/nope/tags", 404, "Not Found"));
        Assert.Equal("Docker Hub answered 429 Too Many Requests.", EngineErrorTranslator.HubFailure("v2/search/repositories/", 429, "Too Many Requests"));
    }

    [Fact]
    public void The_engines_hub_search_failing_says_why_in_the_engines_words() =>
        Assert.Equal("The engine's Docker Hub search failed: The engine reported an error: Get https://index.docker.io/v1/search: dial tcp: no route",
            EngineErrorTranslator.EngineSearchFailed(
                new EngineApiException(HttpStatusCode.InternalServerError, "Get https://index.docker.io/v1/search: dial tcp: no route", "/images/search"),
                EngineEndpoint.Parse("unix:///var/run/docker.sock")));

    [Fact]
    public void An_answer_too_large_too_slow_broken_or_not_json()
    {
        const string source = "The registry 10.0.0.5:5000", what = "the manifest of app:1";
        Assert.Equal("The registry 10.0.0.5:5000 sent more than 16 MiB for the manifest of app:1; Quayside reads at most that much of an answer "
            + "(manifests, configs, lists and tokens are far smaller) and stopped reading. Check that the address points at a registry.",
            EngineErrorTranslator.AnswerTooLarge(source, what, 16));
        Assert.Equal("The registry 10.0.0.5:5000 did not finish sending the manifest of app:1 within 30 seconds.",
            EngineErrorTranslator.AnswerTooSlow(source, what, TimeSpan.FromSeconds(30)));
        Assert.Equal("The registry 10.0.0.5:5000 broke off while sending the manifest of app:1 (The response ended prematurely).",
            EngineErrorTranslator.AnswerBrokenOff(source, what, new IOException("The response ended prematurely.")));
        Assert.Equal("The registry 10.0.0.5:5000 sent the manifest of app:1 that is not JSON; check that the address points at a registry.",
            EngineErrorTranslator.AnswerNotJson(source, what));
    }

    private const string Registry = "10.0.0.5:5000";
}
