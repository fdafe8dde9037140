using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Registries;

/// <summary>
/// Registry HTTP API v2 for browsing: catalog, tags (following Link paging), manifests and config blobs. Follows the
/// registry's WWW-Authenticate challenge: Basic with the saved credentials, or the Bearer token flow (token from the
/// realm, with the credentials when there are some). Addresses the registry names (next-page links, the token realm) and
/// where credentials go are checked by <see cref="RegistryUrlRules"/>; bodies are read through <see cref="RegistryBody"/>.
/// </summary>
public sealed partial class RegistryClient(HttpClient http, Uri baseUri, RegistryAuth? auth)
{
    public const int MaxListed = 10_000;
    private const string ManifestAccept =
        "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json, " +
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens = [];

    public string Address => baseUri.Authority;

    private string Registry => $"The registry {Address}";

    /// <summary>Checks that the registry accepts us (GET /v2/ after its challenge); throws in words when it does not.</summary>
    public async Task CheckLoginAsync(CancellationToken ct)
    {
        using var response = await SendAsync(new Uri(baseUri, "/v2/"), null, "", ct);
    }

    /// <summary>Repositories whose name contains <paramref name="term"/> (all when empty), from /v2/_catalog.</summary>
    public async Task<IReadOnlyList<string>> SearchCatalogAsync(string? term, CancellationToken ct)
    {
        var all = await ListPagedAsync("/v2/_catalog?n=1000", "repositories", "registry:catalog:*", ct);
        return all.Where(r => string.IsNullOrWhiteSpace(term) || r.Contains(term.Trim(), StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every tag of a repository (following Link headers), sorted.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string repository, CancellationToken ct)
    {
        var tags = await ListPagedAsync($"/v2/{repository}/tags/list?n=1000", "tags", PullScope(repository), ct);
        return tags.Order(TagOrder.Instance).ToList();
    }

    /// <summary>
    /// The platform rows of one tag: one per entry of a manifest list / OCI index, or one for a single manifest with its
    /// platform read from the config blob.
    /// </summary>
    public async Task<IReadOnlyList<TagPlatformRow>> TagPlatformsAsync(string repository, string tag, CancellationToken ct)
    {
        var (manifest, digest) = await ManifestAsync(repository, tag, ct);
        if (manifest["manifests"] is JsonArray entries)
        {
            var rows = new List<TagPlatformRow>();
            foreach (var entry in entries)
            {
                var platform = entry?["platform"];
                var os = platform?["os"]?.GetValue<string>() ?? "unknown";
                var arch = platform?["architecture"]?.GetValue<string>() ?? "unknown";
                if (os == "unknown" && arch == "unknown")
                    continue; // attestation manifests of buildx images
                var entryDigest = entry?["digest"]?.GetValue<string>();
                long? size = null;
                if (entryDigest is not null)
                    size = LayerSize((await ManifestAsync(repository, entryDigest, ct)).Manifest);
                rows.Add(new TagPlatformRow(tag, os, arch, platform?["variant"]?.GetValue<string>(), entryDigest, size, null));
            }
            return rows;
        }
        var config = await ConfigAsync(repository, manifest, ct);
        return [new TagPlatformRow(tag,
            config?["os"]?.GetValue<string>() ?? "unknown", config?["architecture"]?.GetValue<string>() ?? "unknown",
            config?["variant"]?.GetValue<string>(), digest, LayerSize(manifest), null,
            DateTimeOffset.TryParse(config?["created"]?.GetValue<string>(), out var created) ? created : null)];
    }

    private async Task<(JsonNode Manifest, string? Digest)> ManifestAsync(string repository, string reference, CancellationToken ct)
    {
        using var response = await SendAsync(new Uri(baseUri, $"/v2/{repository}/manifests/{reference}"), ManifestAccept, PullScope(repository), ct);
        var node = await ReadJsonAsync(response, $"the manifest of {repository}:{reference}", ct)
            ?? throw new RegistryException($"The registry {Address} sent an empty manifest for {repository}:{reference}.");
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        return (node, digest);
    }

    private async Task<JsonNode?> ConfigAsync(string repository, JsonNode manifest, CancellationToken ct)
    {
        if (manifest["config"]?["digest"]?.GetValue<string>() is not { } digest)
            return null;
        using var response = await SendAsync(new Uri(baseUri, $"/v2/{repository}/blobs/{digest}"), null, PullScope(repository), ct);
        return await ReadJsonAsync(response, $"the image config of {repository} ({digest})", ct);
    }

    private static long? LayerSize(JsonNode manifest) =>
        manifest["layers"] is JsonArray layers ? layers.Sum(l => l?["size"]?.GetValue<long>() ?? 0) : null;

    private static string PullScope(string repository) => $"repository:{repository}:pull";

    /// <summary>
    /// The items of a list and its next pages. Paging ends at an empty page or a page already read, whatever link it
    /// carries, so a registry cannot keep Quayside asking forever.
    /// </summary>
    private async Task<List<string>> ListPagedAsync(string first, string field, string scope, CancellationToken ct)
    {
        var items = new List<string>();
        var read = new HashSet<Uri>();
        for (Uri? next = new(baseUri, first); next is not null && items.Count < MaxListed && read.Add(next);)
        {
            using var response = await SendAsync(next, null, scope, ct);
            var body = await ReadJsonAsync(response, $"the list at {next.PathAndQuery}", ct);
            var page = body is JsonObject o && o[field] is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];
            if (page.Count == 0)
                break;
            items.AddRange(page);
            next = NextLink(response) is { } link ? RegistryUrlRules.NextPage(baseUri, next, link) : null;
        }
        return items;
    }

    /// <summary>The target of a Link: &lt;/v2/...&gt;; rel="next" header, if any, as sent (not checked).</summary>
    public static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links) && LinkNext().Match(string.Join(",", links)) is { Success: true } m
            ? m.Groups[1].Value : null;

    private Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken ct) =>
        RegistryBody.ReadJsonAsync(response, Registry, what, http.Timeout, ct);

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string? accept, string scope, CancellationToken ct)
    {
        var response = await TryAsync(uri, accept, _tokens.GetValueOrDefault(scope), ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = RegistryChallenge.Parse(response.Headers.WwwAuthenticate.ToString());
            response.Dispose();
            var header = await AnswerAsync(challenge, scope, ct);
            _tokens[scope] = header;
            response = await TryAsync(uri, accept, header, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                throw new RegistryException(auth is null
                    ? EngineErrorTranslator.RegistryNeedsLogin(Address)
                    : EngineErrorTranslator.RegistryRefusedCredentials(Address, auth.Username), 401);
            }
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await FailureAsync(response, uri.PathAndQuery, ct);
    }

    private async Task<AuthenticationHeaderValue> AnswerAsync(RegistryChallenge? challenge, string scope, CancellationToken ct)
    {
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (auth is null)
                throw new RegistryException(EngineErrorTranslator.RegistryNeedsLogin(Address, basic: true), 401);
            RegistryUrlRules.CheckBasic(baseUri);
            return BasicHeader();
        }
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || challenge["realm"] is not { } realm)
            throw new RegistryException(EngineErrorTranslator.RegistryUnknownScheme(Address, challenge.Scheme));
        var query = new List<string>();
        if (challenge["service"] is { } service)
            query.Add("service=" + Uri.EscapeDataString(service));
        var wanted = scope.Length > 0 ? scope : challenge["scope"];
        if (!string.IsNullOrEmpty(wanted))
            query.Add("scope=" + Uri.EscapeDataString(wanted));
        var tokenService = RegistryUrlRules.TokenService(baseUri, realm, auth is not null);
        var url = tokenService.AbsoluteUri + (query.Count == 0 ? "" : (tokenService.Query.Length > 0 ? "&" : "?") + string.Join("&", query));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (auth is not null)
            request.Headers.Authorization = BasicHeader();
        using var response = await SendRawAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new RegistryException(EngineErrorTranslator.TokenServiceRefused(Address, (int)response.StatusCode, auth?.Username), (int)response.StatusCode);
        var body = await RegistryBody.ReadJsonAsync(response, $"The token service of {Address} ({tokenService.Authority})", "the token", http.Timeout, ct);
        var token = Text(body?["token"]) ?? Text(body?["access_token"])
            ?? throw new RegistryException(EngineErrorTranslator.TokenServiceSentNoToken(Address));
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth!.Username}:{auth.Secret}")));

    private async Task<HttpResponseMessage> TryAsync(Uri uri, string? accept, AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Authorization = authorization;
        return await SendRawAsync(request, ct);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException(EngineErrorTranslator.RegistryUnreachable(request.RequestUri?.Authority, e), null, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new RegistryException(EngineErrorTranslator.RegistryTimedOut(request.RequestUri?.Authority), null, e);
        }
    }

    private async Task<RegistryException> FailureAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var code = "";
        try
        {
            code = (await ReadJsonAsync(response, $"the error for {path}", ct))?["errors"]?[0]?["code"]?.GetValue<string>() ?? "";
        }
        catch (Exception e) when (e is RegistryException or InvalidOperationException)
        {
        }
        var status = (int)response.StatusCode;
        return new(EngineErrorTranslator.RegistryFailure(Address, path, status, response.ReasonPhrase, code), status);
    }

    [GeneratedRegex(@"<([^>]+)>\s*;\s*rel=""?next""?")] private static partial Regex LinkNext();
}
