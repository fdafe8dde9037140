using System.Text.Json.Nodes;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Registries;

/// <summary>The engine's own Docker Hub search (GET /images/search, as <c>docker search</c>); it needs the engine to reach the Hub.</summary>
public sealed class EngineSearch(EngineClient client)
{
    public async Task<IReadOnlyList<RepositoryHit>> SearchAsync(string term, int limit, CancellationToken ct)
    {
        try
        {
            var (_, body) = await client.SendAsync(HttpMethod.Get, EngineRoutes.ImagesSearch(term, limit), ct: ct, timeout: TimeSpan.FromSeconds(40));
            return body?.AsArray().Select(r => new RepositoryHit(
                r!["name"]?.GetValue<string>() ?? "", r["description"]?.GetValue<string>(), r["star_count"]?.GetValue<int>(), null,
                r["is_official"]?.GetValue<bool>() ?? false, false)).ToList() ?? [];
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new RegistryException(EngineErrorTranslator.EngineSearchFailed(e, client.Endpoint), null, e);
        }
    }
}
