using Microsoft.AspNetCore.Components;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Logs;

/// <summary>
/// The logs of several containers interleaved by time: <c>/logs?c=ID&amp;c=ID</c> (from "Logs of selected" on the containers
/// page) or <c>/logs?project=NAME</c> (every container of a compose project).
/// </summary>
public partial class MergedLogs : LiveComponentBase
{
    private const string ComposeProjectLabel = Engine.Stacks.ComposeLabels.Project;

    private IReadOnlyList<LogSource> _last = [];

    [SupplyParameterFromQuery(Name = "c")] public string[]? Chosen { get; set; }
    [SupplyParameterFromQuery(Name = "project")] public string? Project { get; set; }

    private string EmptyText => Project is { Length: > 0 }
        ? $"No container on this engine has the label {ComposeProjectLabel}={Project}."
        : Chosen is { Length: > 0 } ? "None of the chosen containers exists any more." : "No container chosen: select some on the containers page and press \"Logs of selected\".";

    /// <summary>The chosen containers that exist, by name; the same list instance while it does not change, so the viewer keeps its stream.</summary>
    private IReadOnlyList<LogSource> Sources()
    {
        var found = Project is { Length: > 0 } project
            ? Model.Containers.Values.Where(c => c.LabelsOrEmpty.GetValueOrDefault(ComposeProjectLabel) == project)
            : (Chosen ?? []).Select(Model.FindContainer).OfType<Quayside.Engine.Containers.ContainerSummary>();
        List<LogSource> sources = [.. found.DistinctBy(c => c.Id).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new LogSource(c.Id, c.Name))];
        if (!sources.SequenceEqual(_last))
            _last = sources;
        return _last;
    }

    private string Title(IReadOnlyList<LogSource> sources) =>
        (Project is { Length: > 0 } ? $"compose project {Project}: " : "") + $"{sources.Count} container{(sources.Count == 1 ? "" : "s")}, interleaved by time";
}
