using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;

namespace Quayside.Web.Registries;

/// <summary>Where a search found repositories: Docker Hub or one saved registry, with its hits or the failure in words.</summary>
public sealed record SourceResults(string Source, ResultPage<RepositoryHit>? Page, string? Error);

/// <summary>Browses Docker Hub and the saved registries for the pages, with the saved credentials.</summary>
public sealed class RegistryBrowser(RegistryStore store, HubClient hub, EngineSearch engineSearch, EngineLogin engineLogin, HttpClient http)
{
    public Uri HubBaseUri => hub.BaseUri;

    public async Task<RegistryClient> ClientAsync(string address, CancellationToken ct) =>
        new(http, RegistryAddress.BaseUri(address), await store.FindAsync(address, ct));

    public async Task<SourceResults> SearchHubAsync(string term, int page, int pageSize, bool viaEngine, CancellationToken ct)
    {
        try
        {
            if (viaEngine)
            {
                var hits = await engineSearch.SearchAsync(term, pageSize, ct);
                return new SourceResults(ImageReference.DockerHub, new ResultPage<RepositoryHit>(hits, hits.Count, false), null);
            }
            return new SourceResults(ImageReference.DockerHub, await hub.SearchAsync(term, page, pageSize, ct), null);
        }
        catch (RegistryException e)
        {
            return new SourceResults(ImageReference.DockerHub, null, e.Message);
        }
    }

    /// <summary>Catalog search on every saved registry other than Docker Hub, in parallel.</summary>
    public async Task<IReadOnlyList<SourceResults>> SearchRegistriesAsync(string term, CancellationToken ct)
    {
        var registries = (await store.ListAsync(ct)).Where(r => !r.IsDockerHub).ToList();
        return await Task.WhenAll(registries.Select(async r =>
        {
            try
            {
                var names = await (await ClientAsync(r.Address, ct)).SearchCatalogAsync(term, ct);
                var hits = names.Select(n => new RepositoryHit(n, null, null, null, false, false)).ToList();
                return new SourceResults(r.Address, new ResultPage<RepositoryHit>(hits, hits.Count, false), null);
            }
            catch (RegistryException e)
            {
                return new SourceResults(r.Address, null, e.Message);
            }
        }));
    }

    public Task<ResultPage<TagPlatformRow>> HubTagsAsync(string repository, int page, int pageSize, CancellationToken ct) =>
        hub.TagsAsync(repository, page, pageSize, ct);

    /// <summary>
    /// "Test login": with credentials, the engine's /auth (what <c>docker login</c> does) for Docker Hub, and the registry's
    /// own challenge for others (so the check does not depend on the engine trusting the registry); without, the challenge.
    /// </summary>
    public async Task<string> TestLoginAsync(string address, string? username, string? secret, CancellationToken ct)
    {
        var auth = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(secret) ? null : new RegistryAuth(address, username, secret);
        if (address == ImageReference.DockerHub)
        {
            if (auth is null)
                return "Docker Hub needs no login to pull public images; enter a user name and password or access token to test them.";
            return $"{await engineLogin.CheckAsync(auth with { ServerAddress = "https://index.docker.io/v1/" }, ct)} (checked by the engine).";
        }
        await new RegistryClient(http, RegistryAddress.BaseUri(address), auth).CheckLoginAsync(ct);
        return auth is null ? $"{address} answers and needs no login." : $"Login succeeded: {address} accepts {username}.";
    }
}
