using System.Text.Json;
using Quayside.Engine.Build;
using Quayside.Engine.Connection;
using Quayside.Web.Api;

namespace Quayside.Web.Build;

/// <summary>docker build from a Dockerfile typed in the page, uploaded files or a context tar.</summary>
public static class BuildFeature
{
    public static IServiceCollection AddBuild(this IServiceCollection services) =>
        services.AddSingleton(sp => new ImageBuilder(sp.GetRequiredService<EngineClient>()));

    public static IEndpointRouteBuilder MapBuild(this IEndpointRouteBuilder endpoints)
    {
        // Resolved here, while the app is built, so a setting that is not a size stops the start.
        var limits = endpoints.ServiceProvider.GetRequiredService<UploadLimits>();
        endpoints.MapHostApiGroups("/images", "Images", images =>
        {

            images.MapPost("/build", async (HttpContext http, ImageBuilder builder) =>
            {
                var guard = UploadGuard.Start(http, limits.ForOthers);
                if (guard.Problem is not null)
                    return guard.TooLarge();
                if (ReadBuildOptions(http.Request) is not { } options)
                    return Results.Problem(statusCode: 400, title: "buildargs and labels must be JSON objects of strings, e.g. {\"VERSION\":\"1.2\"}.");
                return await ProgressResponse.WriteAsync(http, guard, onLine => builder.BuildAsync(options,
                    (tar, ct) => BuildUpload.WriteAsync(http.Request, options, tar, guard, limits.SpoolDirectory, ct), onLine, http.RequestAborted));
            }).WithSummary("Build an image (docker build): query t, buildargs (JSON), labels (JSON), target, platform, nocache, pull, dockerfile; body: a multipart form (dockerfile text, then files or one context tar/zip) or a raw context tar/zip. Answers JSON lines; the last says ok or the failing step's error.");
        });
        return endpoints;
    }

    private static BuildOptions? ReadBuildOptions(HttpRequest request)
    {
        var q = request.Query;
        Dictionary<string, string>? args, labels;
        try
        {
            args = string.IsNullOrWhiteSpace(q["buildargs"]) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(q["buildargs"]!);
            labels = string.IsNullOrWhiteSpace(q["labels"]) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(q["labels"]!);
        }
        catch (JsonException)
        {
            return null;
        }
        var multipart = request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        var context = Enum.TryParse<BuildContextKind>(q["context"], ignoreCase: true, out var kind) ? kind
            : multipart ? BuildContextKind.Files : BuildContextKind.Tar;
        return new BuildOptions
        {
            Tags = [.. q["t"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())],
            BuildArgs = args ?? [],
            Labels = labels ?? [],
            Target = NullIfEmpty(q["target"]),
            Platform = NullIfEmpty(q["platform"]),
            NoCache = IsTrue(q["nocache"]),
            Pull = IsTrue(q["pull"]),
            Dockerfile = NullIfEmpty(q["dockerfile"]) ?? "Dockerfile",
            Context = context,
            TypedDockerfile = multipart && !IsFalse(q["typed"]),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static bool IsTrue(string? s) => s is "1" or "true" or "True" or "on";
    private static bool IsFalse(string? s) => s is "0" or "false" or "False";
}
