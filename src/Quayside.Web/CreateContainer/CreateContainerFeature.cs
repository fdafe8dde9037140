using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;
using Quayside.Web.Api;

namespace Quayside.Web.CreateContainer;

/// <summary>The create form with its live docker run line, duplicate/edit and replace.</summary>
public static class CreateContainerFeature
{
    public static IServiceCollection AddCreateContainer(this IServiceCollection services) => services.AddSingleton<ContainerCreator>();

    public static IEndpointRouteBuilder MapCreateContainer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/containers", "Create containers", group =>
        {

            group.MapPost("/run-line", (RunSpec spec) => Results.Ok(new { Cli = DockerCli.Run(spec), Errors = RunSpecRules.Validate(spec) }))
                .WithSummary("The docker run (or create) line for a form, and its field problems; changes nothing.");

            group.MapPost("/create", async (RunSpec spec, ContainerCreator creator, CancellationToken ct) =>
                ToResult(await creator.CreateAsync(spec, ct)))
                .WithSummary("Create (and by default start) a container, like docker run -d. The image must be on the engine.");

            group.MapGet("/{id}/run-spec", async (string id, ContainerCreator creator, CancellationToken ct) =>
                Results.Ok(await creator.LoadAsync(id, ct)))
                .WithSummary("A container's configuration as a create form (for duplicate/edit).");

            group.MapPost("/{id}/replace", async (string id, RunSpec spec, ContainerCreator creator, CancellationToken ct) =>
                ToResult(await creator.ReplaceAsync(id, spec, ct)))
                .WithSummary("Replace a container by a new configuration under the same name; the old one is restored if the new one fails.");
        });
        return endpoints;
    }

    private static IResult ToResult(CreateOutcome outcome) =>
        outcome.Ok ? Results.Ok(outcome) : Results.Json(outcome, statusCode: StatusCodes.Status400BadRequest);
}
