using System.Text.Json.Nodes;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Registries;

/// <summary>
/// Docker Hub's web API (search and tags), at a configurable base URL (https://hub.docker.com by default) so tests can
/// replay recorded answers. Pages are asked for by number; the answers' <c>next</c> addresses are only read as "there is
/// more", never followed. Bodies are read through <see cref="RegistryBody"/> (capped).
/// </summary>
public sealed class HubClient(HttpClient http, Uri baseUri)
{
    public static readonly Uri DefaultBaseUri = new("https://hub.docker.com/");

    public Uri BaseUri => baseUri;

    /// <summary>GET /v2/search/repositories/?query=&amp;page=&amp;page_size=.</summary>
    public async Task<ResultPage<RepositoryHit>> SearchAsync(string term, int page, int pageSize, CancellationToken ct)
    {
        var body = await GetAsync($"v2/search/repositories/?query={Uri.EscapeDataString(term)}&page={page}&page_size={pageSize}", ct);
        var hits = body["results"]?.AsArray().Select(r => new RepositoryHit(
            r!["repo_name"]?.GetValue<string>() ?? "",
            r["short_description"]?.GetValue<string>(),
            r["star_count"]?.GetValue<int>(),
            r["pull_count"]?.GetValue<long>(),
            r["is_official"]?.GetValue<bool>() ?? false,
            // Not in the v2 search answer; kept for answers that carry it.
            r["is_verified_publisher"]?.GetValue<bool>() ?? false)).ToList() ?? [];
        return new ResultPage<RepositoryHit>(hits, body["count"]?.GetValue<int>(), body["next"] is JsonValue);
    }

    /// <summary>GET /v2/repositories/{namespace}/{name}/tags?page=&amp;page_size= as one row per tag and platform.</summary>
    public async Task<ResultPage<TagPlatformRow>> TagsAsync(string repository, int page, int pageSize, CancellationToken ct)
    {
        var path = repository.Contains('/') ? repository : "library/" + repository;
        var body = await GetAsync($"v2/repositories/{path}/tags?page={page}&page_size={pageSize}", ct);
        var rows = new List<TagPlatformRow>();
        foreach (var tag in body["results"]?.AsArray() ?? [])
        {
            var name = tag!["name"]?.GetValue<string>() ?? "";
            var tagPushed = Time(tag["tag_last_pushed"]) ?? Time(tag["last_updated"]);
            foreach (var image in tag["images"]?.AsArray() ?? [])
            {
                var os = image!["os"]?.GetValue<string>() ?? "unknown";
                var arch = image["architecture"]?.GetValue<string>() ?? "unknown";
                if (os == "unknown" && arch == "unknown")
                    continue;
                rows.Add(new TagPlatformRow(name, os, arch,
                    image["variant"] is JsonValue v && v.GetValue<string>() is { Length: > 0 } variant ? variant : null,
                    image["digest"]?.GetValue<string>() ?? tag["digest"]?.GetValue<string>(),
                    image["size"]?.GetValue<long>(), Time(image["last_pushed"]) ?? tagPushed));
            }
        }
        return new ResultPage<TagPlatformRow>(rows, body["count"]?.GetValue<int>(), body["next"] is JsonValue);
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && DateTimeOffset.TryParse(v.GetValue<string>(), out var t) ? t : null;

    private async Task<JsonNode> GetAsync(string relative, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(baseUri, relative), HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException(EngineErrorTranslator.HubUnreachable(baseUri.Authority, e), null, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new RegistryException(EngineErrorTranslator.HubTimedOut(baseUri.Authority), null, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new RegistryException(EngineErrorTranslator.HubFailure(relative.Split('?')[0], (int)response.StatusCode, response.ReasonPhrase), (int)response.StatusCode);
            return await RegistryBody.ReadJsonAsync(response, $"Docker Hub ({baseUri.Authority})", $"the answer to {relative.Split('?')[0]}", http.Timeout, ct)
                ?? new JsonObject();
        }
    }
}
