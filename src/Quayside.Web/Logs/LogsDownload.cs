using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Logs;
using Quayside.Web.Api;

namespace Quayside.Web.Logs;

/// <summary>The selected range of a log as a text file, streamed as the engine reads it.</summary>
public static class LogsDownload
{
    public static async Task<IResult> HandleAsync(HttpContext http, ContainerLogs logs, EngineClient engine, TimeProvider clock, CancellationToken ct)
    {
        var request = LogsRequest.Parse(http.Request.QueryString.Value, clock.GetUtcNow(), out var problems);
        if (problems.Count > 0)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["logs"] = [.. problems] });
        var query = request.Query with { Follow = false };
        var (targets, error) = await request.ResolveAsync(logs, engine.Endpoint, ct);
        if (error is not null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cannot read the log", detail: error);

        var fileName = (targets.Count == 1 ? targets[0].Name : "merged") + "-logs.txt";
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers.Append("X-Docker-Cli", (http.EngineHost()?.Cli(DockerCli.Logs(targets.Select(t => t.Name).ToList(), query))) ?? "");
        await http.Response.StartAsync(ct);
        var body = http.Response.Body;
        if (targets.Count == 1)
        {
            await logs.CopyTextAsync(targets[0], query, body, ct);
            return Results.Empty;
        }
        await logs.CopyMergedTextAsync(targets, query, body, ct);
        return Results.Empty;
    }
}
