using Quayside.Engine.Cli;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Images;

public sealed record ImageRow(
    string Id, string ShortId, IReadOnlyList<string> Tags, IReadOnlyList<string> Digests, DateTimeOffset Created,
    long Size, long SharedSize, long VirtualSize, string? Platform, int Containers, bool Dangling)
{
    public static ImageRow From(ImageSummary i, HostModel model) => new(
        i.Id, i.ShortId, i.Tags, i.Digests, i.CreatedAt, i.Size, i.SharedSize, i.VirtualSize, i.Platform, model.ContainersUsing(i.Id), i.IsDangling);
}

public sealed record ImageRemoveRequest(IReadOnlyList<string> Targets, bool Force = false);

public sealed record TagRequest(string Target);

/// <summary>The images list, remove, tag and prune, and the image page's shell.</summary>
public static class ImagesFeature
{
    public static IServiceCollection AddImages(this IServiceCollection services) => services.AddSingleton<ImageActions>();

    public static IEndpointRouteBuilder MapImages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHostApiGroups("/images", "Images", group =>
        {

            group.MapGet("/", async (HostModel model, bool? dangling, bool? unused, string? search, CancellationToken ct) =>
            {
                if (await model.EngineUnavailableAsync(ct) is { } unavailable)
                    return unavailable;
                var filter = new ImageFilter { DanglingOnly = dangling ?? false, UnusedOnly = unused ?? false, Search = search };
                var rows = ImageQuery.Apply(model, filter).OrderBy(i => i.Reference, StringComparer.Ordinal).Select(i => ImageRow.From(i, model)).ToList();
                return Results.Ok(new ListResponse<ImageRow>(DockerCli.Images(filter), rows.Count, rows));
            }).WithSummary("List images (docker images), from the live model.");

            group.MapPost("/remove", async (ImageRemoveRequest request, ImageActions actions, CancellationToken ct) =>
                (await actions.RemoveAsync(request.Targets, request.Force, ct)).ToResult())
                .WithSummary("Remove images (docker rmi [-f]).");

            group.MapDelete("/{reference}", async (string reference, bool? force, ImageActions actions, CancellationToken ct) =>
                (await actions.RemoveAsync([reference.Unescaped()], force ?? false, ct)).ToResult())
                .WithSummary("Remove an image by tag or id.");

            group.MapPost("/{reference}/tag", async (string reference, TagRequest request, ImageActions actions, CancellationToken ct) =>
                (await actions.TagAsync(reference.Unescaped(), request.Target, ct)).ToResult())
                .WithSummary("Tag an image (docker tag).");

            group.MapGet("/prune", async (HostModel model, bool? all, CancellationToken ct) =>
                await model.EngineUnavailableAsync(ct) ?? Results.Ok(new PrunePreview(DockerCli.ImagePrune(all ?? false),
                    ImageQuery.PruneCandidates(model, all ?? false).Select(i => i.Reference).Order().ToList())))
                .WithSummary("What an image prune would remove.");

            group.MapPost("/prune", async (PruneRequest? request, ImageActions actions, CancellationToken ct) =>
                (await actions.PruneAsync(request?.All ?? false, request?.Label, ct)).ToResult())
                .WithSummary("Prune dangling images, or with all=true every unused image.");
        });
        return endpoints;
    }
}
