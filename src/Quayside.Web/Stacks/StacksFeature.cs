using Microsoft.AspNetCore.DataProtection;
using Quayside.Engine.Cli;
using Quayside.Engine.Hosts;
using Quayside.Engine.Stacks;
using Quayside.Web.Api;
using Quayside.Web.Hosting;

namespace Quayside.Web.Stacks;

public sealed record StackServiceRow(string Name, string Image, string Status, int Running, int Total, IReadOnlyList<string> Containers);

public sealed record StackRow(string Name, string Status, int Running, int Total, IReadOnlyList<StackServiceRow> Services, IReadOnlyList<string> Networks,
    IReadOnlyList<string> Volumes, IReadOnlyList<string> Ports, string Files, StackFilesKind FilesKind, DateTimeOffset? LastChange)
{
    public static StackRow From(StackSummary s, StackLocation location, DateTimeOffset? lastApplied) => new(s.Name, s.Status, s.Running, s.Total,
        [.. s.Services.Select(v => new StackServiceRow(v.Name, v.Image, v.Status, v.Running, v.Containers.Count, [.. v.Containers.Select(c => c.Name)]))],
        s.Networks, s.Volumes, [.. s.PublishedPorts], location.Describe, location.Kind,
        new[] { s.LastChange, lastApplied }.Max());
}

public sealed record StackFilesResponse(string Cli, StackFilesKind Kind, bool Editable, string? Reason, IReadOnlyDictionary<string, string> Files, string? EffectiveConfig);

public sealed record StackEdit(Dictionary<string, string> Files, bool? HealthGate = null, int? SettleSeconds = null);

public sealed record NewStack(string Name, string? Compose, string? Env, string? RunLine, bool? HealthGate = null, int? SettleSeconds = null);

public sealed record RunLineRequest(string Line, string? Service = null);

public sealed record VersionRow(int Number, DateTimeOffset At, string By, StackChangeKind Kind, bool Ok, string Message, string Diff, int? From)
{
    public static VersionRow Of(StackVersion v) => new(v.Number, v.At, v.By, v.Kind, v.Ok, v.Message, v.Diff, v.From);
}

/// <summary>Compose stacks: every project on a host, its files edited in place, applied with a diff, history and a health-gated rollback.</summary>
public static class StacksFeature
{
    public const string ListCliV1 = "docker ps -a --filter label=com.docker.compose.project";

    public static IServiceCollection AddStacks(this IServiceCollection services) => services
        .AddSingleton<ISecretProtector, DataProtectionSecrets>()
        .AddSingleton(sp => new StackSettings(Path.Combine(sp.GetRequiredService<QuaysideSettings>().DataDirectory, "stacks"),
            sp.GetRequiredService<ISecretProtector>(), sp.GetService<ILoggerFactory>()))
        .AddSingleton(sp => new StackOperations(sp.GetRequiredService<HostRegistry>().Default, sp.GetRequiredService<StackSettings>()));

    /// <summary>The list's line: <c>docker compose ls --all</c> where v2 is installed; v1 has no ls, and lists the labelled containers.</summary>
    public static string ListCli(ComposeProgram? program) => program?.IsV2 == true ? "docker compose ls --all" : ListCliV1;

    public static IReadOnlyList<StackRow> Rows(StackOperations stacks) =>
        [.. stacks.List().Select(s => StackRow.From(s, stacks.Locator.Locate(s.Name, s), stacks.History.Latest(s.Name)?.At))];

    private static ApplyOptions Options(HttpContext http, bool? gate, int? settle) =>
        new(StackAuthor.Of(http.User), gate ?? true,
            settle is { } s ? HealthGateOptions.Default with { Settle = TimeSpan.FromSeconds(Math.Clamp(s, 0, 600)) } : null);

    private static IResult Applied(ApplyOutcome outcome) =>
        outcome.Ok ? Results.Ok(outcome) : Results.Json(outcome, statusCode: outcome.Problems is { Count: > 0 } ? 400 : 409);

    public static IEndpointRouteBuilder MapStacks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/stacks", "Stacks", stacks =>
        {
            stacks.MapGet("/", async (Engine.Model.HostModel model, StackOperations ops, CancellationToken ct) =>
            {
                if (await model.EngineUnavailableAsync(ct) is { } unavailable)
                    return unavailable;
                var rows = Rows(ops);
                return Results.Ok(new ListResponse<StackRow>(ListCli(ops.Runner.Program), rows.Count, rows));
            }).WithSummary("List compose projects (docker compose ls --all) from the containers' labels, with their services, networks, volumes, ports and files.");
            stacks.MapGet("/{name}", (string name, StackOperations ops) => ops.Find(name) is { } s
                ? Results.Ok(StackRow.From(s, ops.Locate(name), ops.History.Latest(name)?.At))
                : Results.Problem(statusCode: 404, title: $"There is no stack named '{name}' on this host.")).WithSummary("One stack.");
            stacks.MapGet("/{name}/files", async (string name, StackOperations ops, CancellationToken ct) =>
            {
                var location = ops.Locate(name);
                return Results.Ok(new StackFilesResponse(location.Editable ? ops.Line(name, "config") : "", location.Kind, location.Editable, location.Reason,
                    location.Editable ? await ops.ReadFilesAsync(name, ct) : new Dictionary<string, string>(),
                    location.Editable ? null : await ops.EffectiveConfigAsync(name, ct)));
            }).WithSummary("The stack's compose files and .env where Quayside can reach them; else its effective configuration, read-only.");
            stacks.MapGet("/{name}/config", async (string name, StackOperations ops, CancellationToken ct) =>
                Results.Text(await ops.EffectiveConfigAsync(name, ct), "text/yaml")).WithSummary("The effective configuration (docker compose config), secrets masked.");
            stacks.MapPost("/{name}/plan", async (string name, StackEdit edit, StackOperations ops, CancellationToken ct) =>
                Results.Ok(await ops.PlanAsync(name, edit.Files, ct))).WithSummary("Validate (docker compose config) and diff edited files without writing them.");
            stacks.MapPost("/{name}/apply", async (string name, StackEdit edit, StackOperations ops, HttpContext http, CancellationToken ct) =>
                Applied(await ops.ApplyAsync(name, edit.Files, Options(http, edit.HealthGate, edit.SettleSeconds), ct: ct)))
                .WithSummary("Write the files, run docker compose up -d --remove-orphans, wait for the changed services and roll back when one fails.");
            stacks.MapGet("/{name}/history", (string name, StackOperations ops) =>
                Results.Ok(ops.History.List(name).Select(VersionRow.Of).ToList())).WithSummary("The applied versions: who, when, the diff, the result.");
            stacks.MapPost("/{name}/history/{version:int}/rollback", async (string name, int version, ApplyEditOptions? options, StackOperations ops, HttpContext http, CancellationToken ct) =>
                Applied(await ops.RollbackAsync(name, version, Options(http, options?.HealthGate, options?.SettleSeconds), ct: ct)))
                .WithSummary("Apply an earlier version's files again.");
            stacks.MapGet("/{name}/down", (string name, bool? volumes, StackOperations ops) => Results.Ok(ops.PreviewDown(name, volumes ?? false)))
                .WithSummary("What docker compose down would remove.");
            stacks.MapPost("/{name}/actions/{action}", async (string name, string action, string? service, int? replicas, bool? volumes, StackOperations ops, CancellationToken ct) =>
                (await ops.RunActionAsync(name, action, service, replicas, volumes ?? false, ct: ct)).ToResult())
                .WithSummary("up, start, stop, restart, pull or down a stack; start, stop, restart, pull, recreate or scale one service (?service=&replicas=).");
            stacks.MapDelete("/{name}", async (string name, StackOperations ops, CancellationToken ct) =>
                Results.Ok(new { Removed = await ops.DeleteAsync(name, ct) }))
                .WithSummary("Delete a stack Quayside keeps, once it runs nothing: its folder and its history.");
            stacks.MapPost("/{name}/take-over", async (string name, StackOperations ops, HttpContext http, CancellationToken ct) =>
            {
                var location = await ops.TakeOverAsync(name, StackAuthor.Of(http.User), ct);
                return Results.Ok(new { location.Directory, Files = location.EditableFiles });
            }).WithSummary("Save the stack's configuration under Quayside's data folder and manage it from there.");
            stacks.MapPost("/", async (NewStack spec, StackOperations ops, HttpContext http, CancellationToken ct) =>
            {
                var compose = spec.Compose ?? "";
                if (spec.RunLine is { Length: > 0 } line)
                {
                    var converted = RunLine.Parse(line);
                    if (converted.Spec is null)
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["RunLine"] = [.. converted.Problems] });
                    compose = ComposeService.ToYaml(ServiceName(converted.Spec), converted.Spec);
                }
                return Applied(await ops.CreateAsync(spec.Name?.Trim() ?? "", compose, spec.Env ?? "", Options(http, spec.HealthGate, spec.SettleSeconds), ct: ct));
            }).WithSummary("Write a new stack under the data folder (from a compose file or a docker run line) and apply it.");
            stacks.MapPost("/convert", (RunLineRequest request) =>
            {
                var converted = RunLine.Parse(request.Line);
                return converted.Spec is null
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Line"] = [.. converted.Problems] })
                    : Results.Ok(new { Compose = ComposeService.ToYaml(request.Service ?? ServiceName(converted.Spec), converted.Spec) });
            }).WithSummary("Convert a docker run line to a compose service.");
        });
        return endpoints;
    }

    /// <summary>A service's name from a run line: its --name, else the image's last path part.</summary>
    public static string ServiceName(Engine.CreateContainer.RunSpec spec)
    {
        var source = spec.Name.Length > 0 ? spec.Name : spec.Image.Split('/')[^1].Split(':')[0].Split('@')[0];
        var name = new string([.. source.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return name.Length > 0 ? name : "app";
    }
}

public sealed record ApplyEditOptions(bool? HealthGate = null, int? SettleSeconds = null);

/// <summary>The history's file contents encrypted with the app's Data Protection keys (kept in the data folder).</summary>
public sealed class DataProtectionSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Quayside.Stacks.History");

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
