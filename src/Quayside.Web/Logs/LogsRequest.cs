using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Logs;

namespace Quayside.Web.Logs;

/// <summary>The options of a logs request as the viewer sends them in the query string (c=…&amp;c=…&amp;tail=…&amp;since=…).</summary>
public sealed record LogsRequest(IReadOnlyList<string> Containers, LogQuery Query, List<string> Problems)
{
    public static LogsRequest From(HttpRequest request, TimeProvider clock)
    {
        var q = request.Query;
        var containers = q["c"].Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).Distinct().ToList();
        var query = LogQuery.Parse(Flag(q["follow"]), q["tail"], q["since"], q["until"], Flag(q["timestamps"]), clock.GetUtcNow(), out var problems);
        if (containers.Count == 0)
            problems.Insert(0, "No container chosen: pass one or more c=NAME or id.");
        return new LogsRequest(containers, query, problems);
    }

    /// <summary>Looks up every container; the error is a sentence for a person when one cannot be read.</summary>
    public async Task<(List<LogTarget> Targets, string? Error)> ResolveAsync(ContainerLogs logs, EngineEndpoint endpoint, CancellationToken ct)
    {
        var targets = new List<LogTarget>();
        foreach (var c in Containers)
        {
            try
            {
                targets.Add(await logs.ResolveAsync(c, ct));
            }
            catch (Exception e) when (e is EngineApiException or InvalidEngineNameException or HttpRequestException or IOException)
            {
                return (targets, EngineErrorTranslator.Translate(e, endpoint).ToString());
            }
        }
        return (targets, null);
    }

    private static bool Flag(string? value) => value is "1" or "true" or "on";
}
