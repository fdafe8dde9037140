using System.Globalization;
using System.Web;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Logs;

/// <summary>
/// What the logs viewer asks its stream and its download for: the containers and the options. <see cref="ToQueryString"/>
/// is the one way to write it into an address (<c>c=…&amp;c=…&amp;tail=…&amp;since=…</c>), <see cref="Parse"/> the one way
/// to read and check it back.
/// </summary>
public sealed record LogsRequest(IReadOnlyList<string> Containers, LogQuery Query)
{
    /// <summary>
    /// The query string (without <c>?</c>). Since and until keep the text as typed, so a relative time counts back from the
    /// moment the server reads it.
    /// </summary>
    public string ToQueryString()
    {
        var parts = Containers.Select(c => (Key: "c", Value: c)).ToList();
        parts.Add(("tail", Query.Tail is { } n ? n.ToString(CultureInfo.InvariantCulture) : "all"));
        if (Query.Since is { } since)
            parts.Add(("since", since.Text));
        if (Query.Until is { } until)
            parts.Add(("until", until.Text));
        if (Query.Follow)
            parts.Add(("follow", "1"));
        if (Query.Timestamps)
            parts.Add(("timestamps", "1"));
        // A browser address, not an engine path: UrlEncode is the pair of the ParseQueryString that reads it back.
        return string.Join("&", parts.Select(p => p.Key + "=" + HttpUtility.UrlEncode(p.Value)));
    }

    /// <summary>Reads a query string as <see cref="ToQueryString"/> writes it; <paramref name="problems"/> holds one sentence per wrong field.</summary>
    public static LogsRequest Parse(string? queryString, DateTimeOffset now, out List<string> problems)
    {
        var q = HttpUtility.ParseQueryString(queryString ?? "");
        var containers = (q.GetValues("c") ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        var query = LogQuery.Parse(Flag(q["follow"]), q["tail"], q["since"], q["until"], Flag(q["timestamps"]), now, out problems);
        if (containers.Count == 0)
            problems.Insert(0, "No container chosen: pass one or more c=NAME or id.");
        return new LogsRequest(containers, query);
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
